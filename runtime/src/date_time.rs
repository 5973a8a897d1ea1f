//! Date-times (`format: date-time`): RFC 3339 text, checked, kept as sent.

use std::fmt;
use std::str::FromStr;

/// A point in time as RFC 3339 text (`2016-06-13T04:00:00.000Z`), the type of
/// every `format: date-time` value.
///
/// It keeps the text exactly as it was given or sent, so a value decoded
/// from a response encodes back to the same JSON (`.000` and the offset
/// included); it is checked on the way in, so it always holds a valid RFC
/// 3339 date-time (a response with an invalid one fails to decode, with
/// `Error::Decode`, rather than hand back text no conversion can read).
/// Equality compares the text: `...T04:00:00Z` and `...T04:00:00.000Z` are
/// the same instant but different values; compare instants through a
/// conversion.
///
/// Conversions: [`as_str`](Self::as_str), `Deref<Target = str>` and
/// `Display` give the text (and it compares equal to a `&str` of it);
/// `parse`/[`FromStr`] and `TryFrom<&str>` check it; with the runtime's
/// `chrono` feature (the client's `chrono`), `From<chrono::DateTime<Tz>>` and
/// `to_chrono`; with `time`, `From<time::OffsetDateTime>` and `to_time`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: Box<str>,
    parts: Parts,
}

/// The fields of a checked date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Parts {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    /// Up to 60, a leap second.
    pub(crate) second: u8,
    /// The fraction of the second, in nanoseconds (digits past the ninth are
    /// kept in the text only).
    pub(crate) nanosecond: u32,
    /// The offset from UTC, in seconds east.
    pub(crate) offset: i32,
}

/// Text that is not an RFC 3339 date-time, or a date-time another library
/// cannot represent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeError {
    value: String,
    reason: &'static str,
}

impl DateTimeError {
    fn new(value: &str, reason: &'static str) -> Self {
        // An excerpt: the value may be anything a server sent.
        let mut end = value.len().min(64);
        while !value.is_char_boundary(end) {
            end -= 1;
        }
        DateTimeError { value: value[..end].to_owned(), reason }
    }

    /// What is wrong.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an RFC 3339 date-time: {}", self.value, self.reason)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// Checks `text` as an RFC 3339 date-time (`2016-06-13T04:00:00.000Z`,
    /// `2016-06-13T06:00:00+02:00`) and keeps it as it is.
    ///
    /// # Errors
    ///
    /// When `text` is not one, with what is wrong.
    pub fn parse(text: &str) -> Result<DateTime, DateTimeError> {
        let parts = parse_parts(text).map_err(|reason| DateTimeError::new(text, reason))?;
        Ok(DateTime { text: text.into(), parts })
    }

    /// The text, exactly as it was given or sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The year, month (1-12) and day (1-31), in the value's own offset.
    pub fn date(&self) -> (u16, u8, u8) {
        (self.parts.year, self.parts.month, self.parts.day)
    }

    /// The hour, minute, second (up to 60 for a leap second) and nanosecond,
    /// in the value's own offset.
    pub fn time(&self) -> (u8, u8, u8, u32) {
        (self.parts.hour, self.parts.minute, self.parts.second, self.parts.nanosecond)
    }

    /// The offset from UTC in seconds east (0 for `Z`).
    pub fn offset_seconds(&self) -> i32 {
        self.parts.offset
    }

    /// A date-time from its fields, written as JavaScript's `toISOString`
    /// writes one when the offset is 0 (`2016-06-13T04:00:00.000Z`), with as
    /// many fraction digits as the nanoseconds need (at least three).
    #[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
    pub(crate) fn from_parts(parts: Parts) -> Result<DateTime, DateTimeError> {
        let mut text = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second
        );
        let mut fraction = format!("{:09}", parts.nanosecond);
        while fraction.len() > 3 && fraction.ends_with('0') {
            fraction.pop();
        }
        text.push('.');
        text.push_str(&fraction);
        if parts.offset == 0 {
            text.push('Z');
        } else {
            let sign = if parts.offset < 0 { '-' } else { '+' };
            let minutes = parts.offset.unsigned_abs() / 60;
            text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        DateTime::parse(&text)
    }

    #[cfg_attr(not(any(feature = "chrono", feature = "time")), allow(dead_code))]
    pub(crate) fn parts(&self) -> Parts {
        self.parts
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DateTime").field(&self.as_str()).finish()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The text, so that a `DateTime` reads as the string it is
/// (`value.len()`, `option.as_deref()`).
impl std::ops::Deref for DateTime {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for DateTime {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<str> for DateTime {
    fn eq(&self, other: &str) -> bool {
        *self.text == *other
    }
}

impl PartialEq<&str> for DateTime {
    fn eq(&self, other: &&str) -> bool {
        *self.text == **other
    }
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(text)
    }
}

impl TryFrom<&str> for DateTime {
    type Error = DateTimeError;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        DateTime::parse(text)
    }
}

impl TryFrom<String> for DateTime {
    type Error = DateTimeError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        DateTime::parse(&text)
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::enums::deserialize(deserializer)
    }
}

/// The RFC 3339 `date-time` production (section 5.6): `full-date "T"
/// full-time`, `T` and `Z` in either case, a fraction of any length, an
/// offset of `Z` or `+hh:mm`/`-hh:mm`; each field in its range, the day in
/// its month's (leap years included), a second of 60 allowed (a leap second).
fn parse_parts(text: &str) -> Result<Parts, &'static str> {
    let b = text.as_bytes();
    let digits = |from: usize, len: usize| -> Result<u32, &'static str> {
        let field = b.get(from..from + len).ok_or("it ends early")?;
        field.iter().try_fold(0u32, |n, &c| {
            if c.is_ascii_digit() { Ok(n * 10 + u32::from(c - b'0')) } else { Err("a digit is expected") }
        })
    };
    let expect = |at: usize, what: &[u8], message: &'static str| match b.get(at) {
        Some(c) if what.contains(c) => Ok(()),
        _ => Err(message),
    };
    let year = digits(0, 4)?;
    expect(4, b"-", "`-` is expected after the year")?;
    let month = digits(5, 2)?;
    expect(7, b"-", "`-` is expected after the month")?;
    let day = digits(8, 2)?;
    expect(10, b"Tt", "`T` is expected between the date and the time")?;
    let hour = digits(11, 2)?;
    expect(13, b":", "`:` is expected after the hour")?;
    let minute = digits(14, 2)?;
    expect(16, b":", "`:` is expected after the minute")?;
    let second = digits(17, 2)?;
    let mut at = 19;
    let mut nanosecond = 0u32;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 9 {
                nanosecond = nanosecond * 10 + u32::from(b[at] - b'0');
            }
            at += 1;
        }
        if at == start {
            return Err("a digit is expected after `.`");
        }
        for _ in (at - start)..9 {
            nanosecond = nanosecond.saturating_mul(10);
        }
    }
    let offset = match b.get(at) {
        Some(b'Z' | b'z') => {
            at += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let sign = if *sign == b'-' { -1 } else { 1 };
            let hours = digits(at + 1, 2)?;
            expect(at + 3, b":", "`:` is expected in the offset")?;
            let minutes = digits(at + 4, 2)?;
            if hours > 23 || minutes > 59 {
                return Err("the offset is out of range");
            }
            at += 6;
            sign * (hours * 3600 + minutes * 60) as i32
        }
        _ => return Err("an offset (`Z`, `+hh:mm` or `-hh:mm`) is expected"),
    };
    if at != b.len() {
        return Err("text follows the offset");
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err("the month is out of range"),
    };
    if day == 0 || day > days {
        return Err("the day is out of range");
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("the time is out of range");
    }
    Ok(Parts {
        year: year as u16,
        month: month as u8,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        nanosecond,
        offset,
    })
}

#[cfg(feature = "chrono")]
mod chrono_impls {
    use chrono::{Datelike, Offset, TimeZone, Timelike};

    use super::{DateTime, DateTimeError, Parts};

    impl DateTime {
        /// The instant as chrono's type, in the value's own offset (a leap
        /// second as chrono keeps one: second 59, nanosecond past 10⁹).
        ///
        /// # Errors
        ///
        /// None for a value in chrono's range; the result is one for
        /// symmetry with [`to_time`](Self::to_time).
        pub fn to_chrono(&self) -> Result<chrono::DateTime<chrono::FixedOffset>, DateTimeError> {
            let p = self.parts();
            let error = || DateTimeError::new(self.as_str(), "chrono cannot represent it");
            let (second, nanosecond) =
                if p.second == 60 { (59, p.nanosecond + 1_000_000_000) } else { (p.second, p.nanosecond) };
            let offset = chrono::FixedOffset::east_opt(p.offset).ok_or_else(error)?;
            let local = chrono::NaiveDate::from_ymd_opt(i32::from(p.year), u32::from(p.month), u32::from(p.day))
                .and_then(|d| d.and_hms_nano_opt(u32::from(p.hour), u32::from(p.minute), u32::from(second), nanosecond))
                .ok_or_else(error)?;
            offset.from_local_datetime(&local).single().ok_or_else(error)
        }
    }

    impl<Tz: TimeZone> TryFrom<chrono::DateTime<Tz>> for DateTime {
        type Error = DateTimeError;

        /// The instant in its own offset, with milliseconds (more digits
        /// when the nanoseconds need them): `2016-06-13T04:00:00.000Z`.
        ///
        /// Fails for a year before 0 or after 9999, which RFC 3339 cannot
        /// write.
        fn try_from(value: chrono::DateTime<Tz>) -> Result<Self, Self::Error> {
            let offset = value.offset().fix().local_minus_utc();
            let local = value.naive_local();
            let year = u16::try_from(local.year())
                .ok()
                .filter(|y| *y <= 9999)
                .ok_or_else(|| DateTimeError::new(&local.to_string(), "the year is outside 0000-9999"))?;
            let (second, nanosecond) = if local.nanosecond() >= 1_000_000_000 {
                (60, local.nanosecond() - 1_000_000_000)
            } else {
                (local.second() as u8, local.nanosecond())
            };
            DateTime::from_parts(Parts {
                year,
                month: local.month() as u8,
                day: local.day() as u8,
                hour: local.hour() as u8,
                minute: local.minute() as u8,
                second,
                nanosecond,
                offset,
            })
        }
    }
}

#[cfg(feature = "time")]
mod time_impls {
    use super::{DateTime, DateTimeError, Parts};

    impl DateTime {
        /// The instant as the `time` crate's type, in the value's own
        /// offset.
        ///
        /// # Errors
        ///
        /// For a leap second (second 60), which `time` cannot hold.
        pub fn to_time(&self) -> Result<time::OffsetDateTime, DateTimeError> {
            let p = self.parts();
            let error = || DateTimeError::new(self.as_str(), "the time crate cannot represent it");
            let month = time::Month::try_from(p.month).map_err(|_| error())?;
            let date = time::Date::from_calendar_date(i32::from(p.year), month, p.day).map_err(|_| error())?;
            let clock = time::Time::from_hms_nano(p.hour, p.minute, p.second, p.nanosecond).map_err(|_| error())?;
            let offset = time::UtcOffset::from_whole_seconds(p.offset).map_err(|_| error())?;
            Ok(time::PrimitiveDateTime::new(date, clock).assume_offset(offset))
        }
    }

    impl TryFrom<time::OffsetDateTime> for DateTime {
        type Error = DateTimeError;

        /// The instant in its own offset, with milliseconds (more digits
        /// when the nanoseconds need them): `2016-06-13T04:00:00.000Z`.
        ///
        /// Fails for a year before 0 or after 9999, which RFC 3339 cannot
        /// write.
        fn try_from(value: time::OffsetDateTime) -> Result<Self, Self::Error> {
            let year = u16::try_from(value.year())
                .ok()
                .filter(|y| *y <= 9999)
                .ok_or_else(|| DateTimeError::new(&value.to_string(), "the year is outside 0000-9999"))?;
            DateTime::from_parts(Parts {
                year,
                month: u8::from(value.month()),
                day: value.day(),
                hour: value.hour(),
                minute: value.minute(),
                second: value.second(),
                nanosecond: value.nanosecond(),
                offset: value.offset().whole_seconds(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_date_times_keep_their_text() {
        for text in [
            "2016-06-13T04:00:00.000Z",
            "2016-06-13T04:00:00Z",
            "2016-06-13t04:00:00z",
            "2016-06-13T06:00:00+02:00",
            "2016-06-12T23:30:00-04:30",
            "2024-02-29T12:00:00.123456789123Z",
            "2016-12-31T23:59:60Z",
        ] {
            let value = DateTime::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(value.as_str(), text);
            assert_eq!(value.to_string(), text);
            let json = serde_json::to_string(&value).unwrap();
            assert_eq!(serde_json::from_str::<DateTime>(&json).unwrap(), value);
        }
        let value = DateTime::parse("2016-06-12T23:30:00.25-04:30").unwrap();
        assert_eq!(
            (value.date(), value.time(), value.offset_seconds()),
            ((2016, 6, 12), (23, 30, 0, 250_000_000), -16200)
        );
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_conversions_keep_the_instant_and_the_offset() {
        let value = DateTime::parse("2016-06-13T06:00:00.5+02:00").unwrap();
        let chrono = value.to_chrono().unwrap();
        assert_eq!(chrono.timestamp_millis(), 1_465_790_400_500);
        assert_eq!(chrono.offset().local_minus_utc(), 7200);
        // Written back with milliseconds, in its own offset.
        assert_eq!(DateTime::try_from(chrono).unwrap().as_str(), "2016-06-13T06:00:00.500+02:00");
        let utc = chrono::DateTime::from_timestamp_millis(1_465_790_400_000).unwrap();
        assert_eq!(DateTime::try_from(utc).unwrap().as_str(), "2016-06-13T04:00:00.000Z");
        let leap = DateTime::parse("2016-12-31T23:59:60.250Z").unwrap().to_chrono().unwrap();
        assert_eq!(DateTime::try_from(leap).unwrap().as_str(), "2016-12-31T23:59:60.250Z");
    }

    #[cfg(feature = "time")]
    #[test]
    fn time_conversions_keep_the_instant_and_the_offset() {
        let value = DateTime::parse("2016-06-13T04:00:00.123456789Z").unwrap();
        let time = value.to_time().unwrap();
        assert_eq!(time.unix_timestamp_nanos(), 1_465_790_400_123_456_789);
        assert_eq!(DateTime::try_from(time).unwrap().as_str(), "2016-06-13T04:00:00.123456789Z");
        let east = DateTime::parse("2016-06-12T23:30:00-04:30").unwrap().to_time().unwrap();
        assert_eq!(east.offset().whole_seconds(), -16200);
        assert_eq!(DateTime::try_from(east).unwrap().as_str(), "2016-06-12T23:30:00.000-04:30");
        let error = DateTime::parse("2016-12-31T23:59:60Z").unwrap().to_time().unwrap_err();
        assert_eq!(error.reason(), "the time crate cannot represent it");
    }

    #[test]
    fn invalid_date_times_say_what_is_wrong() {
        for (text, reason) in [
            ("", "it ends early"),
            ("2016-06-13", "`T` is expected between the date and the time"),
            ("2016-06-13 04:00:00Z", "`T` is expected between the date and the time"),
            ("2016-06-13T04:00:00", "an offset (`Z`, `+hh:mm` or `-hh:mm`) is expected"),
            ("2016-06-13T04:00:00.Z", "a digit is expected after `.`"),
            ("2016-13-13T04:00:00Z", "the month is out of range"),
            ("2015-02-29T04:00:00Z", "the day is out of range"),
            ("2016-06-13T24:00:00Z", "the time is out of range"),
            ("2016-06-13T04:00:00+24:00", "the offset is out of range"),
            ("2016-06-13T04:00:00Zjunk", "text follows the offset"),
            ("２016-06-13T04:00:00Z", "a digit is expected"),
            ("1465790400000", "`-` is expected after the year"),
        ] {
            let error = DateTime::parse(text).unwrap_err();
            assert_eq!(error.reason(), reason, "{text}");
        }
        let error = serde_json::from_str::<DateTime>("\"yesterday\"").unwrap_err();
        assert!(error.to_string().starts_with("`yesterday` is not an RFC 3339 date-time"), "{error}");
    }
}
