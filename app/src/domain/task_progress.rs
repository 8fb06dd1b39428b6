//! Plan progress: for each task of a plan, what the units assigned to it report in the
//! reports the reviewer has (chưa thực hiện / đang thực hiện / hoàn thành), and who has
//! not reported on it yet.

use super::plan::Task;
use super::rules::Values;
use super::task::TaskStatus;
use super::value::Value;
use crate::sync::Slot;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One assigned unit's answer on a task; `status` is `None` while its report is not in hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TaskAnswer {
    pub unit_code: String,
    pub unit_name: String,
    pub status: Option<TaskStatus>,
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TaskCounts {
    pub not_started: u32,
    pub in_progress: u32,
    pub done: u32,
    /// Assigned units whose report is not in hand.
    pub not_reported: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TaskRow {
    pub task: Task,
    pub counts: TaskCounts,
    /// The assigned units, in the order given.
    pub answers: Vec<TaskAnswer>,
}

/// `assigned`: (unit code, unit name, task codes) in display order; `in_hand`: the current
/// values of the reports the reviewer has, by unit. A report in hand that left a task
/// untouched reports it as not started, the status a new task row shows.
pub fn task_progress(
    tasks: &[Task],
    assigned: &[(String, String, Vec<String>)],
    in_hand: &HashMap<String, Values>,
) -> Vec<TaskRow> {
    let mut rows: BTreeMap<&str, TaskRow> = BTreeMap::new();
    for (unit_code, unit_name, task_codes) in assigned {
        let values = in_hand.get(unit_code);
        for code in task_codes {
            let Some(task) = tasks.iter().find(|t| &t.code == code) else {
                continue;
            };
            let row = rows.entry(&task.code).or_insert_with(|| TaskRow {
                task: task.clone(),
                counts: TaskCounts::default(),
                answers: Vec::new(),
            });
            let (status, note) = match values {
                None => (None, String::new()),
                Some(values) => match values.get(&Slot::Task(code.clone()).to_string()) {
                    Some(Value::Task(p)) => (Some(p.status), p.note.clone()),
                    _ => (Some(TaskStatus::default()), String::new()),
                },
            };
            let counts = &mut row.counts;
            match status {
                None => counts.not_reported += 1,
                Some(TaskStatus::ChuaThucHien) => counts.not_started += 1,
                Some(TaskStatus::DangThucHien) => counts.in_progress += 1,
                Some(TaskStatus::HoanThanh) => counts.done += 1,
            }
            row.answers.push(TaskAnswer {
                unit_code: unit_code.clone(),
                unit_name: unit_name.clone(),
                status,
                note,
            });
        }
    }
    // In the plan's order, not the codes' ("1.10" after "1.9").
    tasks
        .iter()
        .filter_map(|t| rows.remove(t.code.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::TaskProgress;

    fn task(code: &str) -> Task {
        Task {
            code: code.into(),
            section: "II".into(),
            text: format!("Nhiệm vụ {code}"),
        }
    }

    #[test]
    fn counts_what_the_reports_in_hand_say_and_who_has_not_reported() {
        let tasks: Vec<Task> = ["1.1", "1.2", "1.10"].into_iter().map(task).collect();
        let all = vec!["1.1".to_string(), "1.2".into(), "1.10".into()];
        let assigned = vec![
            ("P1".to_string(), "Phường 1".to_string(), all.clone()),
            ("P2".into(), "Phường 2".into(), all.clone()),
            ("VP".into(), "Văn phòng".into(), vec!["1.10".to_string()]),
        ];
        let done = Value::Task(TaskProgress {
            status: TaskStatus::HoanThanh,
            note: "Đã tổ chức 3 hội nghị.".into(),
        });
        let mut in_hand = HashMap::new();
        in_hand.insert(
            "P1".to_string(),
            Values::from([("task:1.1".to_string(), done)]),
        );
        in_hand.insert("VP".to_string(), Values::new());
        let rows = task_progress(&tasks, &assigned, &in_hand);
        let codes: Vec<&str> = rows.iter().map(|r| r.task.code.as_str()).collect();
        assert_eq!(codes, ["1.1", "1.2", "1.10"]);
        assert_eq!(
            rows[0].counts,
            TaskCounts {
                not_started: 0,
                in_progress: 0,
                done: 1,
                not_reported: 1
            }
        );
        assert_eq!(rows[0].answers[0].note, "Đã tổ chức 3 hội nghị.");
        assert_eq!(
            rows[1].counts.not_started, 1,
            "an untouched task in a report in hand"
        );
        assert_eq!(
            rows[2].counts,
            TaskCounts {
                not_started: 2,
                in_progress: 0,
                done: 0,
                not_reported: 1
            }
        );
    }
}
