pub(crate) fn render(f: (String, proc_macro2::TokenStream)) -> crate::GeneratedFile { crate::GeneratedFile { path: f.0, contents: f.1.to_string() } }
