//! Attendance as Arrow data, read from its buffers with no Python object per cell: any
//! object with `__arrow_c_stream__` (the Arrow PyCapsule interface: a pyarrow `Table` or
//! `RecordBatchReader`, a polars `DataFrame`, a pandas `DataFrame` when pyarrow is
//! installed). Dictionary columns (pyarrow `dictionary`, polars `Categorical`/`Enum`)
//! are read by their codes, each distinct text resolved once; plain string columns are
//! hashed from their buffers. A pandas `DataFrame` of categoricals is read without
//! converting it: each column's codes from the numpy array pandas keeps, its categories
//! once. The marks go to the core's [`tamat::GridBuilder::push_coded_many`], which
//! applies every rule.

use std::collections::HashMap;
use std::ffi::CStr;

use arrow_array::cast::AsArray;
use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{
    ArrowDictionaryKeyType, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::RecordBatchReader;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_buffer::ArrowNativeType as _;
use arrow_schema::{DataType, TimeUnit};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};
use tamat::{MarkView, NULL_CODE};

/// The columns an attendance table may have (`note` is accepted and never read).
const FIELDS: [&str; 6] = ["participant", "session", "status", "check_in", "check_out", "note"];
/// Rows resolved per step: the codes of one step stay in the first-level cache.
const STEP: usize = 4096;

/// An Arrow table's record batches (or a pandas frame of categoricals, one batch), each
/// with its columns by field.
pub struct ArrowMarks {
    batches: Vec<Batch>,
}

struct Batch {
    rows: usize,
    columns: [Option<Column>; 5],
}

enum Column {
    Arrow(ArrayRef),
    /// A pandas categorical: each row's code into its categories (-1 for a missing
    /// value), read where numpy keeps them, and the categories' texts.
    Categorical {
        codes: NumpyCodes,
        categories: Categories,
    },
}

/// A read-only, one-dimensional, contiguous numpy array of integer codes, borrowed: read
/// with or without the GIL while `_array` keeps it alive.
struct NumpyCodes {
    address: usize,
    len: usize,
    width: Width,
    _array: Py<PyAny>,
}

#[derive(Clone, Copy)]
enum Width {
    I8,
    I16,
    I32,
    I64,
}

impl NumpyCodes {
    /// The codes of rows `start..start + out.len()` as codes for the core: a negative
    /// code (pandas' -1) is `NULL_CODE`, absent.
    fn fill(&self, start: usize, out: &mut [u32]) {
        fn widen<T: Copy>(codes: &NumpyCodes, start: usize, out: &mut [u32], code: impl Fn(T) -> u32) {
            if start + out.len() > codes.len {
                out.fill(NULL_CODE);
                return;
            }
            // SAFETY: checked when read (`numpy_codes`): `len` contiguous values of `T`,
            // aligned, start at `address` in an array that numpy marks read-only and that
            // `_array` keeps alive, so the memory is neither freed, moved nor written while
            // this reads rows inside `0..len`.
            #[allow(unsafe_code)]
            let values = unsafe { std::slice::from_raw_parts((codes.address as *const T).add(start), out.len()) };
            for (o, &v) in out.iter_mut().zip(values) {
                *o = code(v);
            }
        }
        match self.width {
            Width::I8 => widen(self, start, out, |v: i8| u32::try_from(v).unwrap_or(NULL_CODE)),
            Width::I16 => widen(self, start, out, |v: i16| u32::try_from(v).unwrap_or(NULL_CODE)),
            Width::I32 => widen(self, start, out, |v: i32| u32::try_from(v).unwrap_or(NULL_CODE)),
            Width::I64 => widen(self, start, out, |v: i64| u32::try_from(v).unwrap_or(NULL_CODE)),
        }
    }
}

enum Categories {
    /// Arrow-backed categories (pandas' `str` dtype with pyarrow), read from their buffers.
    Arrow(ArrayRef),
    /// Categories held as Python strings, copied once each.
    Owned(Vec<String>),
}

/// Why a table cannot be read (turned into `ShapeError` with the GIL held).
pub struct Refused(pub String);

/// The table behind `obj`, or `None` when it offers no Arrow stream. A pandas
/// `DataFrame` that cannot give one (no pyarrow, or object columns Arrow refuses) is
/// `None` too, read as before, cell by cell, so that its errors are the same.
pub fn import(obj: &Bound<'_, PyAny>) -> PyResult<Option<Result<ArrowMarks, Refused>>> {
    let pandas = obj.hasattr("to_dict")? && obj.hasattr("columns")?;
    if pandas {
        if let Some(marks) = pandas_categorical(obj)? {
            return Ok(Some(Ok(marks)));
        }
    }
    if !obj.hasattr("__arrow_c_stream__")? {
        return Ok(None);
    }
    let capsule = match obj.call_method0("__arrow_c_stream__") {
        Ok(c) => c,
        Err(_) if pandas => return Ok(None),
        Err(e) => return Err(e),
    };
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| pyo3::exceptions::PyTypeError::new_err("__arrow_c_stream__ did not return a capsule"))?;
    const NAME: &CStr = c"arrow_array_stream";
    let pointer = capsule.pointer_checked(Some(NAME))?;
    // SAFETY: a capsule named "arrow_array_stream" holds an `ArrowArrayStream` (the Arrow
    // PyCapsule interface). `from_raw` moves the struct out and leaves a released one in
    // its place, as the interface asks of a consumer, so the capsule's destructor frees
    // nothing twice; the capsule is alive for the call.
    #[allow(unsafe_code)]
    let reader = unsafe { RecordBatchStreamReader::from_raw(pointer.as_ptr().cast::<FFI_ArrowArrayStream>()) };
    let reader = match reader {
        Ok(r) => r,
        Err(e) => {
            return Ok(Some(Err(Refused(format!(
                "`attendance`: unreadable Arrow stream: {e}"
            )))))
        }
    };
    let schema = reader.schema();
    let mut columns = [None; 5];
    for (i, field) in schema.fields().iter().enumerate() {
        let Some(f) = FIELDS.iter().position(|n| n == field.name()) else {
            return Ok(Some(Err(Refused(format!(
                "`attendance`: unknown column `{}`, expected some of {}",
                field.name(),
                FIELDS.join(", ")
            )))));
        };
        if f < 5 {
            columns[f] = Some(i);
        }
    }
    let mut batches = Vec::new();
    for batch in reader {
        match batch {
            Ok(b) => batches.push(b),
            Err(e) => {
                return Ok(Some(Err(Refused(format!(
                    "`attendance`: unreadable Arrow stream: {e}"
                )))))
            }
        }
    }
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    for f in 0..2 {
        if columns[f].is_none() && rows > 0 {
            return Ok(Some(Err(Refused(format!(
                "`attendance`: missing column `{}`",
                FIELDS[f]
            )))));
        }
    }
    // Without a status or a check-in column every mark would be its own
    // `attendance.missing_status` (4M errors for 100,000 x 40): one refusal instead.
    if columns[2].is_none() && columns[3].is_none() && rows > 0 {
        return Ok(Some(Err(Refused(
            "`attendance`: missing column `status` (or `check_in`): no mark says whether it was attended".into(),
        ))));
    }
    let batches = batches
        .into_iter()
        .map(|b| Batch {
            rows: b.num_rows(),
            columns: columns.map(|c| c.map(|i| Column::Arrow(b.column(i).clone()))),
        })
        .collect();
    Ok(Some(Ok(ArrowMarks { batches })))
}

/// A pandas `DataFrame` whose participant, session and status columns are all
/// categoricals of text (and that has no check-in times), read by its codes and
/// categories; `None` for any other frame, read through Arrow or cell by cell (with the
/// errors those readers give).
fn pandas_categorical(frame: &Bound<'_, PyAny>) -> PyResult<Option<ArrowMarks>> {
    // (a polars frame has `columns` and `to_dict` too, but a list of names)
    let columns = frame.getattr("columns")?;
    if !columns.hasattr("tolist")? {
        return Ok(None);
    }
    let Ok(names) = columns.call_method0("tolist")?.extract::<Vec<String>>() else {
        return Ok(None);
    };
    let mut fields = [None; 5];
    for name in &names {
        match FIELDS.iter().position(|f| f == name) {
            Some(f) if f < 3 && fields[f].is_none() => fields[f] = Some(name),
            Some(5) => {}
            _ => return Ok(None),
        }
    }
    if fields[0].is_none() || fields[1].is_none() || fields[2].is_none() {
        return Ok(None);
    }
    let rows = frame.len()?;
    let mut columns: [Option<Column>; 5] = Default::default();
    for (f, name) in fields.iter().enumerate() {
        let Some(name) = name else { continue };
        let Ok(array) = frame.get_item(name.as_str())?.getattr("array") else {
            return Ok(None);
        };
        if !array.hasattr("codes")? || !array.hasattr("categories")? {
            return Ok(None);
        }
        let Some(codes) = numpy_codes(&array.getattr("codes")?)? else {
            return Ok(None);
        };
        let Some(categories) = categories(&array.getattr("categories")?)? else {
            return Ok(None);
        };
        if codes.len != rows {
            return Ok(None);
        }
        columns[f] = Some(Column::Categorical { codes, categories });
    }
    Ok(Some(ArrowMarks {
        batches: vec![Batch { rows, columns }],
    }))
}

/// A pandas categorical's `codes` (a numpy array), borrowed, if it is read-only,
/// one-dimensional, contiguous, aligned and of a signed integer type; `None` for
/// anything else.
fn numpy_codes(codes: &Bound<'_, PyAny>) -> PyResult<Option<NumpyCodes>> {
    let Ok(interface) = codes.getattr("__array_interface__") else {
        return Ok(None);
    };
    let get = |k: &str| interface.get_item(k);
    let typestr: String = get("typestr")?.extract()?;
    let shape: Vec<usize> = get("shape")?.extract()?;
    let (address, read_only): (usize, bool) = get("data")?.extract()?;
    let [len] = shape[..] else { return Ok(None) };
    let little = cfg!(target_endian = "little");
    let width = match typestr.as_str() {
        "|i1" => Width::I8,
        "<i2" if little => Width::I16,
        "<i4" if little => Width::I32,
        "<i8" if little => Width::I64,
        _ => return Ok(None),
    };
    let align = match width {
        Width::I8 => 1,
        Width::I16 => 2,
        Width::I32 => 4,
        Width::I64 => 8,
    };
    // (numpy's array interface, version 3: strides `None` is C-contiguous)
    if !read_only || !get("strides")?.is_none() || (len > 0 && (address == 0 || !address.is_multiple_of(align))) {
        return Ok(None);
    }
    Ok(Some(NumpyCodes {
        address,
        len,
        width,
        _array: codes.clone().unbind(),
    }))
}

/// A pandas categorical's categories (an `Index`), if they are all text: from their Arrow
/// buffers when pandas keeps them in Arrow, else one Python string at a time.
fn categories(index: &Bound<'_, PyAny>) -> PyResult<Option<Categories>> {
    let values = index.getattr("array")?;
    if values.hasattr("__arrow_array__")? {
        let mut array = values.call_method0("__arrow_array__")?;
        if array.hasattr("combine_chunks")? {
            array = array.call_method0("combine_chunks")?;
        }
        if let Some(array) = arrow_array_of(&array)? {
            if strings(&array).is_some_and(|t| t.iter().all(Option::is_some)) {
                return Ok(Some(Categories::Arrow(array)));
            }
        }
        return Ok(None);
    }
    let mut texts = Vec::new();
    for item in index.try_iter()? {
        let item = item?;
        let Ok(text) = item.cast::<pyo3::types::PyString>() else {
            return Ok(None);
        };
        texts.push(text.to_cow()?.into_owned());
    }
    Ok(Some(Categories::Owned(texts)))
}

/// An array through the Arrow PyCapsule interface (`__arrow_c_array__`), or `None`.
fn arrow_array_of(obj: &Bound<'_, PyAny>) -> PyResult<Option<ArrayRef>> {
    if !obj.hasattr("__arrow_c_array__")? {
        return Ok(None);
    }
    let (schema, array): (Bound<'_, PyAny>, Bound<'_, PyAny>) = obj.call_method0("__arrow_c_array__")?.extract()?;
    let (Ok(schema), Ok(array)) = (schema.cast::<PyCapsule>(), array.cast::<PyCapsule>()) else {
        return Ok(None);
    };
    let schema = schema.pointer_checked(Some(c"arrow_schema"))?;
    let array = array.pointer_checked(Some(c"arrow_array"))?;
    // SAFETY: capsules named "arrow_schema" and "arrow_array" hold an `ArrowSchema` and an
    // `ArrowArray` (the Arrow PyCapsule interface). The array is moved out, a released
    // one left in its place as the interface asks of a consumer (the capsule's destructor
    // then frees nothing twice); the schema is only borrowed, for the call, while its
    // capsule is alive.
    #[allow(unsafe_code)]
    let data = unsafe {
        let array = std::ptr::replace(array.as_ptr().cast::<FFI_ArrowArray>(), FFI_ArrowArray::empty());
        arrow_array::ffi::from_ffi(array, &*schema.as_ptr().cast::<FFI_ArrowSchema>())
    };
    Ok(data.ok().map(arrow_array::make_array))
}

/// One text column of a batch: its distinct texts and how to find each row's code.
struct Texts<'a> {
    values: Vec<&'a str>,
    codes: Codes<'a>,
}

enum Codes<'a> {
    /// The column is not there: every value absent.
    Absent,
    /// A dictionary's keys; `remap` takes a key to its text's code (a null text, or a
    /// key past the end, to `NULL_CODE`); without it (a dictionary without null texts) a
    /// key is its text's code.
    Keys {
        keys: &'a ArrayRef,
        remap: Option<Vec<u32>>,
    },
    /// A plain string column, hashed row by row into `values`.
    Hashed(Vec<u32>),
    /// A pandas categorical's codes.
    Numpy(&'a NumpyCodes),
}

fn strings(array: &ArrayRef) -> Option<Vec<Option<&str>>> {
    match array.data_type() {
        DataType::Utf8 => Some(array.as_string::<i32>().iter().collect()),
        DataType::LargeUtf8 => Some(array.as_string::<i64>().iter().collect()),
        DataType::Utf8View => Some(array.as_string_view().iter().collect()),
        _ => None,
    }
}

/// A plain string column's distinct texts, and each row's code into them: a row equal to
/// the row before, or to the text after it (sorted sheets: s01, s02, ...), or to one of
/// the first few texts (status words) costs a comparison; any other one hash lookup.
fn hash_texts<'a>(rows: impl Iterator<Item = Option<&'a str>>) -> (Vec<&'a str>, Vec<u32>) {
    const FEW: usize = 8;
    let mut index: HashMap<&str, u32, tamat::rules::IdHash> = HashMap::default();
    let mut values: Vec<&'a str> = Vec::new();
    let mut last: Option<(&str, usize)> = None;
    let codes = rows
        .map(|t| {
            let Some(t) = t else { return NULL_CODE };
            let c = match last {
                Some((l, c)) if l == t => c,
                Some((_, c)) if values.get(c + 1) == Some(&t) => c + 1,
                _ => {
                    let few = (values.len() <= FEW).then(|| values.iter().position(|v| *v == t));
                    match few.flatten() {
                        Some(c) => c,
                        None => *index.entry(t).or_insert_with(|| {
                            values.push(t);
                            u32::try_from(values.len() - 1).unwrap_or(NULL_CODE)
                        }) as usize,
                    }
                }
            };
            last = Some((t, c));
            u32::try_from(c).unwrap_or(NULL_CODE)
        })
        .collect();
    (values, codes)
}

fn type_refused(name: &str, array: &ArrayRef) -> Refused {
    Refused(format!(
        "`attendance.{name}`: expected text (a string or dictionary column), not Arrow {}",
        array.data_type()
    ))
}

impl<'a> Texts<'a> {
    fn new(column: Option<&'a Column>, name: &str) -> Result<Texts<'a>, Refused> {
        let array = match column {
            None => {
                return Ok(Texts {
                    values: Vec::new(),
                    codes: Codes::Absent,
                })
            }
            Some(Column::Categorical { codes, categories }) => {
                let values = match categories {
                    Categories::Owned(texts) => texts.iter().map(String::as_str).collect(),
                    // Checked to be text without nulls when read.
                    Categories::Arrow(array) => strings(array).unwrap_or_default().into_iter().flatten().collect(),
                };
                return Ok(Texts {
                    values,
                    codes: Codes::Numpy(codes),
                });
            }
            Some(Column::Arrow(array)) => array,
        };
        if let DataType::Dictionary(_, _) = array.data_type() {
            let values = dictionary_values(array).ok_or_else(|| type_refused(name, array))?;
            let texts = strings(values).ok_or_else(|| type_refused(name, array))?;
            if texts.iter().all(Option::is_some) {
                return Ok(Texts {
                    values: texts.into_iter().flatten().collect(),
                    codes: Codes::Keys {
                        keys: array,
                        remap: None,
                    },
                });
            }
            let mut kept = Vec::with_capacity(texts.len());
            let remap = texts
                .iter()
                .map(|t| match t {
                    Some(t) => {
                        kept.push(*t);
                        u32::try_from(kept.len() - 1).unwrap_or(NULL_CODE)
                    }
                    None => NULL_CODE,
                })
                .collect();
            return Ok(Texts {
                values: kept,
                codes: Codes::Keys {
                    keys: array,
                    remap: Some(remap),
                },
            });
        }
        if array.data_type() == &DataType::Null {
            return Ok(Texts {
                values: Vec::new(),
                codes: Codes::Absent,
            });
        }
        let (values, codes) = match array.data_type() {
            DataType::Utf8 => hash_texts(array.as_string::<i32>().iter()),
            DataType::LargeUtf8 => hash_texts(array.as_string::<i64>().iter()),
            DataType::Utf8View => hash_texts(array.as_string_view().iter()),
            _ => return Err(type_refused(name, array)),
        };
        Ok(Texts {
            values,
            codes: Codes::Hashed(codes),
        })
    }

    /// The codes of rows `start..start + out.len()`.
    fn fill(&self, start: usize, out: &mut [u32]) {
        match &self.codes {
            Codes::Absent => out.fill(NULL_CODE),
            Codes::Hashed(codes) => out.copy_from_slice(&codes[start..start + out.len()]),
            Codes::Numpy(codes) => codes.fill(start, out),
            Codes::Keys { keys, remap } => match keys.data_type() {
                DataType::Dictionary(k, _) => match k.as_ref() {
                    DataType::Int8 => fill_keys::<Int8Type>(keys, remap.as_deref(), start, out),
                    DataType::Int16 => fill_keys::<Int16Type>(keys, remap.as_deref(), start, out),
                    DataType::Int32 => fill_keys::<Int32Type>(keys, remap.as_deref(), start, out),
                    DataType::Int64 => fill_keys::<Int64Type>(keys, remap.as_deref(), start, out),
                    DataType::UInt8 => fill_keys::<UInt8Type>(keys, remap.as_deref(), start, out),
                    DataType::UInt16 => fill_keys::<UInt16Type>(keys, remap.as_deref(), start, out),
                    DataType::UInt32 => fill_keys::<UInt32Type>(keys, remap.as_deref(), start, out),
                    DataType::UInt64 => fill_keys::<UInt64Type>(keys, remap.as_deref(), start, out),
                    _ => out.fill(NULL_CODE),
                },
                _ => out.fill(NULL_CODE),
            },
        }
    }
}

fn dictionary_values(array: &ArrayRef) -> Option<&ArrayRef> {
    let DataType::Dictionary(k, _) = array.data_type() else {
        return None;
    };
    Some(match k.as_ref() {
        DataType::Int8 => array.as_dictionary::<Int8Type>().values(),
        DataType::Int16 => array.as_dictionary::<Int16Type>().values(),
        DataType::Int32 => array.as_dictionary::<Int32Type>().values(),
        DataType::Int64 => array.as_dictionary::<Int64Type>().values(),
        DataType::UInt8 => array.as_dictionary::<UInt8Type>().values(),
        DataType::UInt16 => array.as_dictionary::<UInt16Type>().values(),
        DataType::UInt32 => array.as_dictionary::<UInt32Type>().values(),
        DataType::UInt64 => array.as_dictionary::<UInt64Type>().values(),
        _ => return None,
    })
}

fn fill_keys<K: ArrowDictionaryKeyType>(keys: &ArrayRef, remap: Option<&[u32]>, start: usize, out: &mut [u32]) {
    let dict = keys.as_dictionary::<K>();
    let raw = &dict.keys().values()[start..start + out.len()];
    // A negative key wraps past the end: absent, as a key past the end is.
    match remap {
        Some(remap) => {
            for (o, k) in out.iter_mut().zip(raw) {
                *o = remap.get(k.as_usize()).copied().unwrap_or(NULL_CODE);
            }
        }
        None => {
            for (o, k) in out.iter_mut().zip(raw) {
                // Past NULL_CODE is absent too (the core reads any code past the end so).
                *o = k.as_usize().min(NULL_CODE as usize) as u32;
            }
        }
    }
    if let Some(nulls) = dict.keys().nulls() {
        for (j, o) in out.iter_mut().enumerate() {
            if nulls.is_null(start + j) {
                *o = NULL_CODE;
            }
        }
    }
}

/// A check-in or check-out column: text, or an Arrow timestamp with a time zone.
enum Times<'a> {
    Absent,
    Text(Vec<Option<&'a str>>),
    Stamps(Vec<Option<String>>),
}

impl<'a> Times<'a> {
    fn new(column: Option<&'a Column>, name: &str) -> Result<Times<'a>, Refused> {
        let array = match column {
            None => return Ok(Times::Absent),
            Some(Column::Arrow(array)) => array,
            // (the pandas reader takes no time columns)
            Some(Column::Categorical { .. }) => return Ok(Times::Absent),
        };
        if array.data_type() == &DataType::Null {
            return Ok(Times::Absent);
        }
        if let Some(t) = strings(array) {
            return Ok(Times::Text(t));
        }
        if let DataType::Dictionary(_, _) = array.data_type() {
            // A categorical of texts: each row's text.
            let texts = Texts::new(column, name)?;
            let mut codes = vec![0u32; array.len()];
            texts.fill(0, &mut codes);
            let rows = codes.iter().map(|c| texts.values.get(*c as usize).copied()).collect();
            return Ok(Times::Text(rows));
        }
        let DataType::Timestamp(unit, zone) = array.data_type() else {
            return Err(Refused(format!(
                "`attendance.{name}`: expected text or a timestamp with a time zone, not Arrow {}",
                array.data_type()
            )));
        };
        if zone.is_none() {
            return Err(Refused(format!(
                "`attendance.{name}`: a timestamp without a time zone is ambiguous; give one (e.g. tz_localize in pandas)"
            )));
        }
        let per_second: i64 = match unit {
            TimeUnit::Second => 1,
            TimeUnit::Millisecond => 1_000,
            TimeUnit::Microsecond => 1_000_000,
            TimeUnit::Nanosecond => 1_000_000_000,
        };
        let stamps = (0..array.len())
            .map(|i| {
                if array.is_null(i) {
                    return None;
                }
                let raw = timestamp_value(array, unit, i)?;
                let secs = raw.div_euclid(per_second);
                let nanos = raw.rem_euclid(per_second) * (1_000_000_000 / per_second);
                chrono::DateTime::from_timestamp(secs, u32::try_from(nanos).ok()?)
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            })
            .collect();
        Ok(Times::Stamps(stamps))
    }

    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Times::Absent => None,
            Times::Text(t) => t.get(i).copied().flatten(),
            Times::Stamps(t) => t.get(i).and_then(|s| s.as_deref()),
        }
    }

    fn any(&self) -> bool {
        !matches!(self, Times::Absent)
    }
}

fn timestamp_value(array: &ArrayRef, unit: &TimeUnit, i: usize) -> Option<i64> {
    use arrow_array::types::{
        TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
    };
    Some(match unit {
        TimeUnit::Second => array.as_primitive_opt::<TimestampSecondType>()?.value(i),
        TimeUnit::Millisecond => array.as_primitive_opt::<TimestampMillisecondType>()?.value(i),
        TimeUnit::Microsecond => array.as_primitive_opt::<TimestampMicrosecondType>()?.value(i),
        TimeUnit::Nanosecond => array.as_primitive_opt::<TimestampNanosecondType>()?.value(i),
    })
}

/// Where the marks of a table go, batch by batch.
trait Sink<'s> {
    /// A new batch, with its text columns' distinct texts.
    fn batch(&mut self, texts: &[Texts<'s>; 3]);
    /// One mark: its codes into the batch's texts, and its times if it has any.
    fn mark(&mut self, texts: &[Texts<'s>; 3], codes: [u32; 3], times: Option<(Option<&str>, Option<&str>)>);
    /// Marks without times, column by column.
    fn marks(&mut self, texts: &[Texts<'s>; 3], codes: [&[u32]; 3]) {
        for ((&p, &s), &st) in codes[0].iter().zip(codes[1]).zip(codes[2]) {
            self.mark(texts, [p, s, st], None);
        }
    }
}

/// The marks as texts (the check-in and check-out times, when given, as RFC 3339).
fn view<'m>(texts: &[Texts<'m>; 3], [p, s, st]: [u32; 3], times: (Option<&'m str>, Option<&'m str>)) -> MarkView<'m> {
    let text = |f: usize, c: u32| texts[f].values.get(c as usize).copied();
    MarkView {
        participant: text(0, p).unwrap_or(""),
        session: text(1, s).unwrap_or(""),
        status: text(2, st),
        check_in: times.0,
        check_out: times.1,
    }
}

struct GridSink<'e, 's> {
    ev: &'e tamat::Evaluator,
    builder: tamat::GridBuilder<'e>,
    dict: Option<tamat::Dictionary<'s>>,
}

impl<'s> Sink<'s> for GridSink<'_, 's> {
    fn batch(&mut self, texts: &[Texts<'s>; 3]) {
        self.dict = Some(self.ev.dictionary(&texts[0].values, &texts[1].values, &texts[2].values));
    }

    fn mark(&mut self, texts: &[Texts<'s>; 3], [p, s, st]: [u32; 3], times: Option<(Option<&str>, Option<&str>)>) {
        match (times, &self.dict) {
            (None, Some(dict)) => {
                self.builder.push_coded(dict, p, s, st);
            }
            (times, _) => {
                self.builder
                    .push(&view(texts, [p, s, st], times.unwrap_or((None, None))));
            }
        }
    }

    fn marks(&mut self, _: &[Texts<'s>; 3], [p, s, st]: [&[u32]; 3]) {
        if let Some(dict) = &self.dict {
            self.builder.push_coded_many(dict, p, s, st);
        }
    }
}

struct JsonSink(Vec<serde_json::Value>);

impl<'s> Sink<'s> for JsonSink {
    fn batch(&mut self, _: &[Texts<'s>; 3]) {}

    fn mark(&mut self, texts: &[Texts<'s>; 3], codes: [u32; 3], times: Option<(Option<&str>, Option<&str>)>) {
        let m = view(texts, codes, times.unwrap_or((None, None)));
        self.0.push(crate::attendance::mark_json(&m));
    }
}

impl ArrowMarks {
    /// The marks resolved into the evaluator's grid (or the errors the core found), or
    /// why the table cannot be read. Needs no GIL.
    pub fn grid(&self, ev: &tamat::Evaluator) -> Result<Result<tamat::StatusGrid, tamat::Errors>, Refused> {
        let mut sink = GridSink {
            ev,
            builder: ev.grid_builder(),
            dict: None,
        };
        self.walk(&mut sink)?;
        Ok(sink.builder.finish())
    }

    /// The marks as the contract's list of mark objects.
    pub fn to_json(&self) -> Result<serde_json::Value, Refused> {
        let mut sink = JsonSink(Vec::new());
        self.walk(&mut sink)?;
        Ok(serde_json::Value::Array(sink.0))
    }

    fn walk<'s>(&'s self, sink: &mut impl Sink<'s>) -> Result<(), Refused> {
        let mut row = 0usize;
        let mut codes = [[0u32; STEP]; 3];
        for batch in &self.batches {
            let column = |f: usize| batch.columns[f].as_ref();
            let texts = [
                Texts::new(column(0), FIELDS[0])?,
                Texts::new(column(1), FIELDS[1])?,
                Texts::new(column(2), FIELDS[2])?,
            ];
            let times = [Times::new(column(3), FIELDS[3])?, Times::new(column(4), FIELDS[4])?];
            let timed = times.iter().any(Times::any);
            sink.batch(&texts);
            let n = batch.rows;
            let mut start = 0;
            while start < n {
                let len = STEP.min(n - start);
                for (t, out) in texts.iter().zip(codes.iter_mut()) {
                    t.fill(start, &mut out[..len]);
                }
                let [pc, sc, stc] = &codes;
                let (pc, sc, stc) = (&pc[..len], &sc[..len], &stc[..len]);
                for (f, column) in [pc, sc].into_iter().enumerate() {
                    if let Some(j) = column.iter().position(|&c| c == NULL_CODE) {
                        return Err(Refused(format!("`attendance[{}].{}`: missing", row + j, FIELDS[f])));
                    }
                }
                if timed {
                    for (j, ((&p, &s), &st)) in pc.iter().zip(sc).zip(stc).enumerate() {
                        let at =
                            Some((times[0].get(start + j), times[1].get(start + j))).filter(|t| *t != (None, None));
                        sink.mark(&texts, [p, s, st], at);
                    }
                } else {
                    sink.marks(&texts, [pc, sc, stc]);
                }
                start += len;
                row += len;
            }
        }
        Ok(())
    }
}
