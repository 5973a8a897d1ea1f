pub(crate) fn emit(_api: &crate::ir::Api) -> Vec<(String, proc_macro2::TokenStream)> { Vec::new() }
