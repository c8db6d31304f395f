//! Attendance from Python structures in one call: a list of dicts (rows), a dict of
//! columns (lists of equal length) or a pandas DataFrame. A cell repeating the last object seen in its slot costs a
//! pointer comparison; any other string is looked up by its text, and each distinct text
//! is stored once. The marks are then handed to the core as borrowed views. Every rule
//! stays in the core.

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString, PyTuple};
use tamat::MarkView;

use crate::convert::{temporal_text, type_name};
use crate::errors::shape;

const FIELDS: [&str; 6] = ["participant", "session", "status", "check_in", "check_out", "note"];

/// Marks as indices into a table of distinct strings (0 = absent).
#[derive(Default)]
pub struct MarkTable {
    strings: Vec<String>,
    rows: Vec<[u32; 5]>,
    /// Distinct texts: cells read from a file are distinct objects with repeated texts.
    by_text: HashMap<String, u32, tamat::rules::IdHash>,
    /// Key objects of rows already seen, with their field.
    keys: Vec<(usize, usize)>,
    /// A direct-mapped cache in front of `by_text`: most cells repeat a few objects.
    recent: Vec<(usize, u32)>,
}

const RECENT: usize = 1024;

impl MarkTable {
    /// The marks as views, in input order.
    pub fn views(&self) -> impl Iterator<Item = MarkView<'_>> {
        let s = |i: u32| -> Option<&str> {
            match i {
                0 => None,
                i => self.strings.get(i as usize - 1).map(String::as_str),
            }
        };
        self.rows.iter().map(move |r| MarkView {
            participant: s(r[0]).unwrap_or(""),
            session: s(r[1]).unwrap_or(""),
            status: s(r[2]),
            check_in: s(r[3]),
            check_out: s(r[4]),
        })
    }

    /// Interns one cell. `None`/NaN is absent for optional fields; a string is read
    /// once per object; a datetime (check-in/out) becomes RFC 3339.
    fn cell(&mut self, obj: &Bound<'_, PyAny>, row: usize, field: usize) -> PyResult<u32> {
        let key = obj.as_ptr() as usize;
        let slot = (key >> 4) % RECENT;
        if let Some(&(k, i)) = self.recent.get(slot) {
            if k == key && i != 0 {
                return Ok(i);
            }
        }
        let py = obj.py();
        let required = field < 2;
        if obj.is_none() || obj.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan()) {
            if required {
                return Err(shape(py, format!("`attendance[{row}].{}`: missing", FIELDS[field])));
            }
            return Ok(0);
        }
        let string = obj.cast::<PyString>();
        // pandas' NaT (and any other value unequal to itself) is a missing cell too.
        if string.is_err() && !required && obj.ne(obj).unwrap_or(false) {
            return Ok(0);
        }
        if let Ok(s) = string {
            let text = s.to_cow()?;
            let i = match self.by_text.get(text.as_ref()) {
                Some(&i) => i,
                None => {
                    self.strings.push(text.as_ref().to_owned());
                    let i = self.index()?;
                    self.by_text.insert(text.into_owned(), i);
                    i
                }
            };
            if self.recent.is_empty() {
                self.recent = vec![(0, 0); RECENT];
            }
            if let Some(r) = self.recent.get_mut(slot) {
                *r = (key, i);
            }
            return Ok(i);
        }
        if field >= 3 {
            if let Some(text) = temporal_text(obj, &|| format!("attendance[{row}].{}", FIELDS[field]))? {
                self.strings.push(text);
                return self.index();
            }
        }
        Err(shape(
            py,
            format!(
                "`attendance[{row}].{}`: expected a string{}, not {}",
                FIELDS[field],
                if field >= 3 { " or an aware datetime" } else { "" },
                type_name(obj)
            ),
        ))
    }

    /// The marks resolved into the evaluator's grid: the table's distinct strings are a
    /// dictionary (each resolved once as a participant, a session and a status word), and
    /// every mark without check-in times goes in by its codes
    /// (`tamat::GridBuilder::push_coded`); the others as texts. The same grid, warnings
    /// and errors as the views read one by one.
    pub fn grid(&self, ev: &tamat::Evaluator) -> Result<tamat::StatusGrid, tamat::Errors> {
        let texts: Vec<&str> = self.strings.iter().map(String::as_str).collect();
        let dict = ev.dictionary(&texts, &texts, &texts);
        let mut builder = ev.grid_builder();
        let s = |i: u32| -> Option<&str> { i.checked_sub(1).and_then(|i| texts.get(i as usize).copied()) };
        for r in &self.rows {
            if r[3] == 0 && r[4] == 0 {
                // 0 (absent) wraps to the null code.
                builder.push_coded(&dict, r[0].wrapping_sub(1), r[1].wrapping_sub(1), r[2].wrapping_sub(1));
            } else {
                builder.push(&MarkView {
                    participant: s(r[0]).unwrap_or(""),
                    session: s(r[1]).unwrap_or(""),
                    status: s(r[2]),
                    check_in: s(r[3]),
                    check_out: s(r[4]),
                });
            }
        }
        builder.finish()
    }

    /// The marks as the contract's list of mark objects.
    pub fn to_json(&self) -> serde_json::Value {
        self.views().map(|m| mark_json(&m)).collect()
    }

    fn index(&self) -> PyResult<u32> {
        u32::try_from(self.strings.len())
            .map_err(|_| pyo3::exceptions::PyMemoryError::new_err("too many distinct strings"))
    }
}

/// One mark as the contract's mark object (absent fields left out).
pub fn mark_json(m: &MarkView<'_>) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    o.insert("participant".into(), m.participant.into());
    o.insert("session".into(), m.session.into());
    for (k, v) in [
        ("status", m.status),
        ("check_in", m.check_in),
        ("check_out", m.check_out),
    ] {
        if let Some(v) = v {
            o.insert(k.into(), v.into());
        }
    }
    serde_json::Value::Object(o)
}

/// Attendance in any accepted form (Arrow data included) as the contract's list of marks.
pub fn read_json(obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    match crate::arrow::import(obj)? {
        Some(Ok(marks)) => marks.to_json().map_err(|r| shape(obj.py(), r.0)),
        Some(Err(r)) => Err(shape(obj.py(), r.0)),
        None => Ok(read(Some(obj))?.to_json()),
    }
}

/// Reads attendance in any accepted form but Arrow data (see `arrow`).
pub fn read(obj: Option<&Bound<'_, PyAny>>) -> PyResult<MarkTable> {
    let mut table = MarkTable::default();
    let Some(obj) = obj else { return Ok(table) };
    if obj.is_none() {
        return Ok(table);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        columns(d, &mut table)?;
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        rows(obj, &mut table)?;
    } else if obj.hasattr("columns")? && obj.hasattr("to_dict")? {
        // pandas DataFrame: one call turns it into columns.
        let converted = obj.call_method1("to_dict", ("list",))?;
        let d = converted
            .cast::<PyDict>()
            .map_err(|_| shape(obj.py(), "`attendance`: to_dict('list') did not give a dict".into()))?;
        columns(d, &mut table)?;
    } else {
        return Err(shape(
            obj.py(),
            format!(
                "`attendance`: expected a list of dicts, a dict of columns or a DataFrame, not {}",
                type_name(obj)
            ),
        ));
    }
    Ok(table)
}

fn rows(obj: &Bound<'_, PyAny>, table: &mut MarkTable) -> PyResult<()> {
    for (i, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        let d = item.cast::<PyDict>().map_err(|_| {
            shape(
                obj.py(),
                format!("`attendance[{i}]`: expected a dict, not {}", type_name(&item)),
            )
        })?;
        row(d, i, table)?;
    }
    Ok(())
}

fn row(d: &Bound<'_, PyDict>, i: usize, table: &mut MarkTable) -> PyResult<()> {
    let py = d.py();
    let mut r = [0u32; 5];
    let mut seen = [false; 2];
    for (k, v) in d.iter() {
        // Rows mostly share their key objects: a key seen before costs a comparison.
        let pointer = k.as_ptr() as usize;
        let field = match table.keys.iter().find(|(p, _)| *p == pointer) {
            Some(&(_, field)) => field,
            None => {
                let key = k
                    .cast::<PyString>()
                    .map_err(|_| shape(py, format!("`attendance[{i}]`: keys must be strings")))?
                    .to_cow()?;
                let field = FIELDS.iter().position(|f| *f == key).ok_or_else(|| {
                    let known = FIELDS.join(", ");
                    shape(
                        py,
                        format!("`attendance[{i}]`: unknown field `{key}`, expected one of {known}"),
                    )
                })?;
                if table.keys.len() < 16 {
                    // kept alive by the rows (which outlive the table's reading), so the
                    // address cannot be reused for another key meanwhile
                    table.keys.push((pointer, field));
                }
                field
            }
        };
        if field < 5 {
            // (5: note, accepted, never interpreted)
            r[field] = table.cell(&v, i, field)?;
            if field < 2 {
                seen[field] = true;
            }
        }
    }
    if let Some(f) = seen.iter().position(|ok| !ok) {
        return Err(shape(py, format!("`attendance[{i}]`: missing field `{}`", FIELDS[f])));
    }
    table.rows.push(r);
    Ok(())
}

fn columns(d: &Bound<'_, PyDict>, table: &mut MarkTable) -> PyResult<()> {
    let py = d.py();
    let mut cols: [Option<Bound<'_, PyAny>>; 5] = Default::default();
    let mut len: Option<usize> = None;
    for (k, v) in d.iter() {
        let key = k
            .cast::<PyString>()
            .map_err(|_| shape(py, "`attendance`: column names must be strings".into()))?
            .to_cow()?
            .into_owned();
        let Some(field) = FIELDS.iter().position(|f| *f == key) else {
            return Err(shape(
                py,
                format!(
                    "`attendance`: unknown column `{key}`, expected some of {}",
                    FIELDS.join(", ")
                ),
            ));
        };
        let n = v
            .len()
            .map_err(|_| shape(py, format!("`attendance.{key}`: a column must be a list")))?;
        if let Some(l) = len {
            if l != n {
                return Err(shape(
                    py,
                    format!("`attendance`: columns differ in length ({l} and {n} in `{key}`)"),
                ));
            }
        }
        len = Some(n);
        if field < 5 {
            cols[field] = Some(as_list(v)?);
        }
    }
    let n = len.unwrap_or(0);
    for f in 0..2 {
        if cols[f].is_none() && n > 0 {
            return Err(shape(py, format!("`attendance`: missing column `{}`", FIELDS[f])));
        }
    }
    table.rows.reserve(n);
    let lists: Vec<Option<Bound<'_, PyList>>> = cols
        .iter()
        .map(|c| c.as_ref().and_then(|c| c.cast::<PyList>().ok().cloned()))
        .collect();
    for i in 0..n {
        let mut r = [0u32; 5];
        for (f, list) in lists.iter().enumerate() {
            if let Some(list) = list {
                r[f] = table.cell(&list.get_item(i)?, i, f)?;
            }
        }
        table.rows.push(r);
    }
    Ok(())
}

/// Any sequence (tuple, numpy array, pandas Series) as a list.
fn as_list<'py>(v: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if v.is_instance_of::<PyList>() {
        Ok(v)
    } else if v.hasattr("tolist")? {
        v.call_method0("tolist")
    } else {
        Ok(PyList::new(v.py(), v.try_iter()?.collect::<PyResult<Vec<_>>>()?)?.into_any())
    }
}
