//! The figures of one run: each [`Metric`] against its target, printed as a table and written
//! as JSON.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};

/// What a figure must be to meet its target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "limit", rename_all = "snake_case")]
pub enum Target {
    /// Strictly below the limit.
    Below(f64),
    /// At most the limit.
    AtMost(f64),
    /// At least the limit.
    AtLeast(f64),
}

impl Target {
    /// Whether `value` meets the target.
    pub fn is_met_by(self, value: f64) -> bool {
        match self {
            Target::Below(limit) => value < limit,
            Target::AtMost(limit) => value <= limit,
            Target::AtLeast(limit) => value >= limit,
        }
    }

    fn describe(self, unit: &str) -> String {
        let (sign, limit) = match self {
            Target::Below(limit) => ("<", limit),
            Target::AtMost(limit) => ("<=", limit),
            Target::AtLeast(limit) => (">=", limit),
        };
        format!("{sign} {} {unit}", format_number(limit)).trim_end().to_owned()
    }
}

/// One figure of the run.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    /// A stable key for scripts, such as `token_warm_median_ns`.
    pub key: String,
    /// What was measured, in words, for the table.
    pub name: String,
    /// The figure, or `None` when its benchmark failed (see `detail`).
    pub value: Option<f64>,
    /// The unit of `value`, such as `ns`, `MiB`, `products/s`; empty for a ratio.
    pub unit: String,
    /// The target, if the figure has one; figures without one are for context.
    pub target: Option<Target>,
    /// How it was measured or why it failed: the inputs behind the figure.
    pub detail: String,
}

impl Metric {
    /// A measured figure.
    pub fn measured(key: &str, name: &str, value: f64, unit: &str, target: Option<Target>) -> Self {
        Metric {
            key: key.to_owned(),
            name: name.to_owned(),
            value: Some(value),
            unit: unit.to_owned(),
            target,
            detail: String::new(),
        }
    }

    /// A figure whose benchmark failed for `reason`.
    pub fn failed(key: &str, name: &str, unit: &str, target: Option<Target>, reason: &str) -> Self {
        Metric {
            key: key.to_owned(),
            name: name.to_owned(),
            value: None,
            unit: unit.to_owned(),
            target,
            detail: format!("failed: {reason}"),
        }
    }

    /// The same figure with `detail` set.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// Whether the target is met: `None` when there is no target, `Some(false)` when the
    /// figure is missing.
    pub fn met(&self) -> Option<bool> {
        self.target.map(|target| self.value.is_some_and(|value| target.is_met_by(value)))
    }
}

/// Every figure of one run, with the machine it ran on.
#[derive(Debug, Clone)]
pub struct Report {
    /// The figures, in the order they were measured.
    pub metrics: Vec<Metric>,
    /// Facts about the machine and run, as JSON (cores, memory, CPU, date, duration).
    pub context: Value,
}

impl Report {
    /// The table printed at the end of a run: metric, value, target, met.
    pub fn table(&self) -> String {
        let rows: Vec<[String; 4]> = self
            .metrics
            .iter()
            .map(|metric| {
                let value = match metric.value {
                    Some(value) => format!("{} {}", format_number(value), metric.unit),
                    None => "failed".to_owned(),
                };
                let target = metric.target.map_or("-".to_owned(), |t| t.describe(&metric.unit));
                let met = match metric.met() {
                    None => "",
                    Some(true) => "yes",
                    Some(false) => "NO",
                };
                [metric.name.clone(), value.trim_end().to_owned(), target, met.to_owned()]
            })
            .collect();
        let header = ["metric", "value", "target", "met"].map(str::to_owned);
        let mut widths = header.clone().map(|cell| cell.chars().count());
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }

        let mut table = String::new();
        let mut line = |cells: &[String; 4]| {
            let padded: Vec<String> =
                cells.iter().zip(widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
            let _ = writeln!(table, "{}", padded.join("  ").trim_end());
        };
        line(&header);
        line(&widths.map(|width| "-".repeat(width)));
        for row in &rows {
            line(row);
        }
        table
    }

    /// The report as JSON: `context`, and `metrics` each with its `met` verdict.
    pub fn to_json(&self) -> Value {
        let metrics: Vec<Value> = self
            .metrics
            .iter()
            .map(|metric| {
                let mut value = json!(metric);
                value["met"] = json!(metric.met());
                value
            })
            .collect();
        json!({ "context": self.context, "metrics": metrics })
    }
}

/// About three significant figures below 1000, whole numbers with thousands separators from
/// there: `0.934`, `41.7`, `123,456`.
fn format_number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 1000.0 {
        let rounded = value.round() as i64;
        let digits = rounded.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if rounded < 0 { format!("-{grouped}") } else { grouped }
    } else if magnitude >= 100.0 {
        format!("{value:.0}")
    } else if magnitude >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_at_three_significant_figures() {
        assert_eq!(format_number(0.93449), "0.934");
        assert_eq!(format_number(41.74), "41.7");
        assert_eq!(format_number(123_456.7), "123,457");
        assert_eq!(format_number(999.4), "999");
    }

    #[test]
    fn a_missing_figure_misses_its_target() {
        let failed = Metric::failed("k", "n", "ns", Some(Target::Below(200.0)), "no sandbox");
        assert_eq!(failed.met(), Some(false));
        let context = Metric::measured("k", "n", 5.0, "", None);
        assert_eq!(context.met(), None);
        let table = Report { metrics: vec![failed, context], context: Value::Null }.table();
        assert!(table.contains("NO"), "{table}");
    }
}
