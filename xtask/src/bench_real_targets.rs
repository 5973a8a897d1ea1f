//! The targets for the whole API, computed from
//! `cargo xtask bench --real`'s figures into a table like the synthetic
//! bench's: what is needed, what was measured, met or missed.

use std::fmt::Write as _;

/// The figures the targets are about. `None` where progenitor (or the
/// edit) could not be measured.
#[derive(Debug, Default)]
pub(crate) struct Figures {
    /// progenitor's generation time over ours.
    pub(crate) speed_up: Option<f64>,
    /// Our generation time over the floor's.
    pub(crate) floor: f64,
    /// progenitor's crate's debug build time over ours with `full`.
    pub(crate) compile_speed_up: Option<f64>,
    /// Our `full` build's peak memory over progenitor's crate's.
    pub(crate) compile_memory: Option<f64>,
    /// Each group's build time over `full`'s, in the table's order.
    pub(crate) groups: Vec<(String, f64)>,
    /// Milliseconds of codegen and of the downstream build after a spec
    /// edit.
    pub(crate) edit: Option<(u64, u64)>,
}

const SPEED_UP: f64 = 20.0;
const FLOOR: f64 = 1.3;
const COMPILE_SPEED_UP: f64 = 3.0;
const COMPILE_MEMORY: f64 = 0.5;
const GROUP_SHARE: f64 = 0.1;

fn verdict(measured: Option<bool>) -> &'static str {
    match measured {
        Some(true) => "met",
        Some(false) => "missed",
        None => "not measured",
    }
}

fn times(value: Option<f64>, digits: usize) -> String {
    value.map_or_else(|| "not measured".to_owned(), |v| format!("{v:.digits$} times"))
}

impl Figures {
    /// The targets table, then which groups meet the group target.
    pub(crate) fn table(&self) -> String {
        let within: Vec<&(String, f64)> = self.groups.iter().filter(|(_, share)| *share <= GROUP_SHARE).collect();
        let beyond: Vec<&(String, f64)> = self.groups.iter().filter(|(_, share)| *share > GROUP_SHARE).collect();
        let rows = [
            (
                "generating the whole API, against progenitor",
                "20 times faster".to_owned(),
                times(self.speed_up, 1),
                verdict(self.speed_up.map(|s| s >= SPEED_UP)),
            ),
            (
                "generating the whole API, against the floor",
                "within 1.3 times".to_owned(),
                times(Some(self.floor), 2),
                verdict(Some(self.floor <= FLOOR)),
            ),
            (
                "`cargo build` of `full`, against progenitor's crate (debug)",
                "3 times faster".to_owned(),
                times(self.compile_speed_up, 1),
                verdict(self.compile_speed_up.map(|s| s >= COMPILE_SPEED_UP)),
            ),
            (
                "peak memory of that build, against progenitor's",
                "at most half".to_owned(),
                self.compile_memory.map_or_else(|| "not measured".to_owned(), |m| format!("{m:.2}")),
                verdict(self.compile_memory.map(|m| m <= COMPILE_MEMORY)),
            ),
            (
                "`cargo build` of one resource group alone, against `full`",
                "at most a tenth of the time".to_owned(),
                format!("{} of {} groups", within.len(), self.groups.len()),
                verdict((!self.groups.is_empty()).then_some(beyond.is_empty())),
            ),
            (
                "a spec edit, `cargo xtask codegen`, then `cargo build` of a downstream crate",
                "reported, no target".to_owned(),
                self.edit.map_or_else(
                    || "not measured".to_owned(),
                    |(codegen, build)| {
                        format!(
                            "{:.1} s ({:.1} s codegen, {:.1} s build)",
                            (codegen + build) as f64 / 1000.0,
                            codegen as f64 / 1000.0,
                            build as f64 / 1000.0
                        )
                    },
                ),
                "no target",
            ),
        ];
        let mut out = String::from("| target | needed | measured | |\n| --- | --- | ---: | --- |\n");
        for (what, needed, measured, met) in rows {
            let _ = writeln!(out, "| {what} | {needed} | {measured} | {met} |");
        }
        let list = |groups: &[&(String, f64)]| {
            if groups.is_empty() {
                "none".to_owned()
            } else {
                groups.iter().map(|(name, share)| format!("`{name}` ({share:.3})")).collect::<Vec<_>>().join(", ")
            }
        };
        if !self.groups.is_empty() {
            let _ = writeln!(
                out,
                "\nGroups within a tenth of `full`'s build time: {}. Beyond it: {}.",
                list(&within),
                list(&beyond)
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(table: &str) -> Vec<&str> {
        table.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| target") && !l.starts_with("| ---")).collect()
    }

    #[test]
    fn each_target_is_met_or_missed_from_the_figures() {
        let figures = Figures {
            speed_up: Some(20.0),
            floor: 1.31,
            compile_speed_up: Some(2.9),
            compile_memory: Some(0.5),
            groups: vec![("devices".into(), 0.1), ("applications".into(), 0.3), ("edge".into(), 0.04)],
            edit: Some((1_240, 30_400)),
        };
        let table = figures.table();
        assert_eq!(
            rows(&table),
            [
                "| generating the whole API, against progenitor | 20 times faster | 20.0 times | met |",
                "| generating the whole API, against the floor | within 1.3 times | 1.31 times | missed |",
                "| `cargo build` of `full`, against progenitor's crate (debug) | 3 times faster | 2.9 times | missed |",
                "| peak memory of that build, against progenitor's | at most half | 0.50 | met |",
                "| `cargo build` of one resource group alone, against `full` | at most a tenth of the time | 2 of 3 groups | missed |",
                "| a spec edit, `cargo xtask codegen`, then `cargo build` of a downstream crate | reported, no target | 31.6 s (1.2 s codegen, 30.4 s build) | no target |",
            ]
        );
        assert!(table.ends_with(
            "\nGroups within a tenth of `full`'s build time: `devices` (0.100), `edge` (0.040). Beyond it: `applications` (0.300).\n"
        ));
    }

    #[test]
    fn what_could_not_be_measured_says_so_and_every_group_within_is_met() {
        let figures =
            Figures { floor: 1.2, groups: vec![("devices".into(), 0.09), ("edge".into(), 0.04)], ..Figures::default() };
        let table = figures.table();
        let rows = rows(&table);
        assert_eq!(
            rows[0],
            "| generating the whole API, against progenitor | 20 times faster | not measured | not measured |"
        );
        assert_eq!(rows[1], "| generating the whole API, against the floor | within 1.3 times | 1.20 times | met |");
        assert_eq!(
            rows[3],
            "| peak memory of that build, against progenitor's | at most half | not measured | not measured |"
        );
        assert_eq!(
            rows[4],
            "| `cargo build` of one resource group alone, against `full` | at most a tenth of the time | 2 of 2 groups | met |"
        );
        assert!(rows[5].ends_with("| reported, no target | not measured | no target |"));
        assert!(table.contains("Beyond it: none.\n"));
    }
}
