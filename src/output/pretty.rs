//! Pretty JSON as `serde_json::to_vec_pretty` writes it (two spaces per
//! level), with each line break and its indent written in one call
//! (documents are mostly indentation, and serde_json's formatter writes it
//! two bytes at a time), except that an array whose first item is a number
//! (or an array of such arrays) stands on one line: `"lines": [16, 17]`,
//! `"spans": [[517, 532]]`, not one line per number. Provenance is mostly
//! such arrays.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use std::io::{self, Write};

/// Serialises `value` into `out` as pretty JSON.
pub(super) fn write(out: &mut Vec<u8>, value: &impl Serialize) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty::default());
    value.serialize(&mut ser)
}

/// A line break followed by enough indentation for any document we write;
/// deeper levels are written in several pieces.
const NEWLINE_INDENT: &[u8; 65] =
    b"\n                                                                ";

/// serde_json's `PrettyFormatter` with an indent of two spaces, but for
/// arrays of numbers. An array's layout is known only at its first item:
/// the opening of an array and its first item's line break wait
/// (`pending`) until a value shows whether it is a number (the array and
/// the arrays around it that wait too stand on one line) or not (each item
/// on a line of its own).
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
    /// Per open array or object: whether it stands on one line.
    inline: Vec<bool>,
    /// Arrays opened, and first items begun, not yet written: the depth of
    /// each.
    pending: Vec<Pending>,
}

/// What a [`Pretty`] has not written yet.
#[derive(Clone, Copy)]
enum Pending {
    /// An array's `[`, at the index of its entry in `inline`.
    Open(usize),
    /// The line break before an array's first item, at this depth.
    First(usize),
}

impl Pretty {
    /// A line break and the indent of `depth`.
    fn newline<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
        let mut spaces = 2 * depth;
        let first = spaces.min(NEWLINE_INDENT.len() - 1);
        w.write_all(&NEWLINE_INDENT[..=first])?;
        spaces -= first;
        while spaces > 0 {
            let n = spaces.min(NEWLINE_INDENT.len() - 1);
            w.write_all(&NEWLINE_INDENT[1..=n])?;
            spaces -= n;
        }
        Ok(())
    }

    /// Writes what waits, on one line (`inline`, a number follows) or not.
    fn settle<W: ?Sized + Write>(&mut self, w: &mut W, inline: bool) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        for k in 0..self.pending.len() {
            match self.pending[k] {
                Pending::Open(k) => {
                    self.inline[k] = inline;
                    w.write_all(b"[")?;
                }
                Pending::First(depth) if !inline => Self::newline(w, depth)?,
                Pending::First(_) => {}
            }
        }
        self.pending.clear();
        Ok(())
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        // An empty array: nothing followed its opening (the arrays around
        // it, if they wait, hold more than numbers).
        self.settle(w, false)?;
        self.depth -= 1;
        let inline = self.inline.pop().unwrap_or(false);
        if self.has_value && !inline {
            Self::newline(w, self.depth)?;
        }
        w.write_all(close)
    }
}

/// Scalar writers that first settle what waits: a number (or `null`, a
/// boolean) puts the arrays that wait on one line.
macro_rules! scalars {
    ($($name:ident($t:ty)),* $(,)?) => {
        $(fn $name<W: ?Sized + Write>(&mut self, w: &mut W, v: $t) -> io::Result<()> {
            self.settle(w, true)?;
            CompactFormatter.$name(w, v)
        })*
    };
}

impl Formatter for Pretty {
    scalars!(
        write_bool(bool),
        write_i8(i8),
        write_i16(i16),
        write_i32(i32),
        write_i64(i64),
        write_i128(i128),
        write_u8(u8),
        write_u16(u16),
        write_u32(u32),
        write_u64(u64),
        write_u128(u128),
        write_f32(f32),
        write_f64(f64),
        write_number_str(&str),
    );

    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.settle(w, true)?;
        w.write_all(b"null")
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.settle(w, false)?;
        w.write_all(b"\"")
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        // Waits with the item before it, if that waits (arrays of arrays).
        if self.pending.is_empty() && self.inline.last().is_some_and(|&i| !i) {
            self.settle(w, false)?;
        }
        self.inline.push(false);
        self.pending.push(Pending::Open(self.inline.len() - 1));
        self.depth += 1;
        self.has_value = false;
        Ok(())
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first {
            self.pending.push(Pending::First(self.depth));
            return Ok(());
        }
        if self.inline.last().copied().unwrap_or(false) {
            return w.write_all(b", ");
        }
        w.write_all(b",")?;
        Self::newline(w, self.depth)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.settle(w, false)?;
        self.inline.push(false);
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        Self::newline(w, self.depth)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_pretty_writes_without_number_arrays() {
        let mut deep = json!([]);
        for i in 0..40 {
            deep = json!({ "level": i, "empty": {}, "none": [], "inner": [deep, "x\n]", { "a": "[1,\n2]" }] });
        }
        let mut out = Vec::new();
        write(&mut out, &deep).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }

    #[test]
    fn arrays_of_numbers_stand_on_one_line() {
        // An array whose first item is a number stands on one line.
        let v = json!({ "lines": [16, 17], "spans": [[517, 532], [533, 557]], "bbox": null,
                        "mixed": [1, "a"], "deep": [[[1.5, -2e3, null, true]]], "none": [] });
        let mut out = Vec::new();
        write(&mut out, &v).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\n  \"lines\": [16, 17],\n  \"spans\": [[517, 532], [533, 557]],\n  \"bbox\": null,\n  \"mixed\": [1, \"a\"],\n  \"deep\": [[[1.5, -2000.0, null, true]]],\n  \"none\": []\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
