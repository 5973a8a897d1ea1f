//! The machine's load while `cargo xtask bench --real` measures, part by
//! part: how many cores the bench's own processes kept busy, how many
//! everything else did, and the one-minute load average at the part's end.
//!
//! The load average alone cannot tell the bench's compiles from someone
//! else's, so the busy time is split: the machine's (from `/proc/stat`,
//! hypervisor steal included, since a stolen core is not the bench's
//! either) minus this process's and its waited-for children's (from
//! `/proc/self/stat`). At a part's end every child has been waited for, so
//! the difference is the others' share. Linux only; elsewhere the figures
//! are zero and the load average "unknown".

use std::fmt::Write as _;
use std::fs;
use std::time::Instant;

use crate::overhead::load_average;

/// The counters at one moment.
pub(crate) struct Mark {
    at: Instant,
    /// Busy time of every core, in clock ticks.
    machine: u64,
    /// This process's and its waited-for children's CPU time, in ticks.
    ours: u64,
}

pub(crate) fn mark() -> Mark {
    Mark {
        at: Instant::now(),
        machine: fs::read_to_string("/proc/stat").ok().and_then(|t| machine_busy(&t)).unwrap_or(0),
        ours: fs::read_to_string("/proc/self/stat").ok().and_then(|t| own_busy(&t)).unwrap_or(0),
    }
}

/// One part of the bench, measured between two marks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Load {
    pub(crate) part: &'static str,
    pub(crate) seconds: f64,
    /// Cores kept busy on average by the bench's processes.
    pub(crate) ours: f64,
    /// Cores kept busy on average by everything else.
    pub(crate) others: f64,
    pub(crate) load_after: String,
}

/// The load of a part that began at `start`; call it when the part ends.
pub(crate) fn since(part: &'static str, start: &Mark) -> Load {
    let end = mark();
    // Clock ticks are USER_HZ, 100 per second on every Linux platform the
    // kernel exports to user space.
    let ticks = end.at.duration_since(start.at).as_secs_f64() * 100.0;
    let cores = |busy: u64| if ticks > 0.0 { busy as f64 / ticks } else { 0.0 };
    let machine = end.machine.saturating_sub(start.machine);
    let ours = end.ours.saturating_sub(start.ours);
    Load {
        part,
        seconds: ticks / 100.0,
        ours: cores(ours),
        others: cores(machine.saturating_sub(ours)),
        load_after: load_average(),
    }
}

/// The busy ticks of the `cpu` line of `/proc/stat`: user, nice, system,
/// irq, softirq and steal (guest time is inside user already).
fn machine_busy(stat: &str) -> Option<u64> {
    let line = stat.lines().find(|l| l.starts_with("cpu "))?;
    let fields: Vec<u64> = line.split_whitespace().skip(1).map(|f| f.parse().ok()).collect::<Option<_>>()?;
    // user nice system idle iowait irq softirq steal ...
    let busy = [0, 1, 2, 5, 6, 7].iter().map(|&i| fields.get(i).copied().unwrap_or(0)).sum();
    Some(busy)
}

/// utime + stime + cutime + cstime of `/proc/self/stat` (fields 14 to 17,
/// counted after the parenthesized command name, which may hold spaces).
fn own_busy(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Field 3 (state) is the first after the name, so field n is at n - 3.
    (11..=14).map(|i| fields.get(i)?.parse::<u64>().ok()).sum()
}

/// The paragraph and table of the parts' loads.
pub(crate) fn render(parts: &[Load]) -> String {
    let mut out = String::from(
        "The machine's load while measuring: cores kept busy on average during each part, by the bench's\n\
         own processes and by everything else (other work on the machine, and time the hypervisor took),\n\
         from the kernel's counters; and the one-minute load average at the part's end, which counts\n\
         both.\n\n\
         | part | time | cores busy, the bench | cores busy, others | load average at its end |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for p in parts {
        let _ =
            writeln!(out, "| {} | {:.0} s | {:.2} | {:.2} | {} |", p.part, p.seconds, p.ours, p.others, p.load_after);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_time_is_read_from_the_kernels_counters() {
        let stat = "cpu  100 20 30 5000 40 5 6 7 0 0\ncpu0 50 10 15 2500 20 2 3 3 0 0\nintr 1 2 3\n";
        assert_eq!(machine_busy(stat), Some(100 + 20 + 30 + 5 + 6 + 7));
        assert_eq!(machine_busy("intr 1\n"), None);
        // A command name with spaces and a parenthesis inside.
        let own = "4242 (xtask (bench) x) R 1 2 3 4 5 6 7 8 9 10 111 222 333 444 20 0 1 0 99 1000 50";
        assert_eq!(own_busy(own), Some(111 + 222 + 333 + 444));
        assert_eq!(own_busy("4242 (xtask) R 1 2"), None);
    }

    #[test]
    fn each_part_is_a_row() {
        let parts = [
            Load { part: "generation", seconds: 12.4, ours: 1.02, others: 0.456, load_after: "1.10".into() },
            Load { part: "compiling", seconds: 300.0, ours: 1.9, others: 0.05, load_after: "2.31".into() },
        ];
        let text = render(&parts);
        assert!(text.contains("| generation | 12 s | 1.02 | 0.46 | 1.10 |\n"));
        assert!(text.contains("| compiling | 300 s | 1.90 | 0.05 | 2.31 |\n"));
    }

    #[test]
    fn a_part_measured_here_has_a_time_and_no_negative_share() {
        // Where the kernel's counters exist, both are read.
        if let (Ok(machine), Ok(own)) = (fs::read_to_string("/proc/stat"), fs::read_to_string("/proc/self/stat")) {
            assert!(machine_busy(&machine).is_some_and(|busy| busy > 0));
            assert!(own_busy(&own).is_some());
        }
        let start = mark();
        let load = since("nothing", &start);
        assert!(load.seconds >= 0.0 && load.ours >= 0.0 && load.others >= 0.0);
        assert_eq!(load.part, "nothing");
    }
}
