//! The one time the state knows: milliseconds since the Unix epoch, handed in by the shell (the state never reads a
//! clock, so its tests choose the time).

/// A moment, in whole milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(u64);

impl Time {
    pub const fn from_millis(ms: u64) -> Time {
        Time(ms)
    }

    /// A browser clock reading (`Date.now()`); what is not a finite time after 1970 is the epoch.
    pub fn from_js(ms: f64) -> Time {
        if ms.is_finite() && ms > 0.0 {
            // Truncation is the point: a clock reading in whole milliseconds.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Time(ms as u64)
        } else {
            Time(0)
        }
    }

    pub fn millis(self) -> u64 {
        self.0
    }

    /// As the stored documents' envelope writes it (ms as a JSON number).
    #[allow(clippy::cast_precision_loss)]
    pub fn as_f64(self) -> f64 {
        self.0 as f64
    }

    pub fn plus_millis(self, ms: u64) -> Time {
        Time(self.0.saturating_add(ms))
    }

    /// ISO 8601 in UTC to the second (`2026-12-07T01:24:18Z`), as stored frameworks carry it.
    pub fn iso(self) -> String {
        let seconds = self.0 / 1000;
        let days = seconds / 86_400;
        let of_day = seconds % 86_400;
        let (year, month, day) = civil_from_days(days);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            of_day / 3600,
            (of_day % 3600) / 60,
            of_day % 60
        )
    }
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`, for days ≥ 0).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days.saturating_add(719_468);
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = doe
        .saturating_sub(doe / 1460)
        .saturating_add(doe / 36_524)
        .saturating_sub(doe / 146_096)
        / 365;
    let doy = doe.saturating_sub(
        yoe.saturating_mul(365)
            .saturating_add(yoe / 4)
            .saturating_sub(yoe / 100),
    );
    let mp = doy.saturating_mul(5).saturating_add(2) / 153;
    let day = doy
        .saturating_sub(mp.saturating_mul(153).saturating_add(2) / 5)
        .saturating_add(1);
    let month = if mp < 10 {
        mp.saturating_add(3)
    } else {
        mp.saturating_sub(9)
    };
    let year = yoe
        .saturating_add(era.saturating_mul(400))
        .saturating_add(u64::from(month <= 2));
    (year, month, day)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_as_a_calendar_reads_them() {
        assert_eq!(Time::from_millis(0).iso(), "1970-01-01T00:00:00Z");
        // 2026-12-07T01:24:18Z, a leap day and the last second of a year.
        assert_eq!(
            Time::from_millis(1_796_606_658_000).iso(),
            "2026-12-07T01:24:18Z"
        );
        assert_eq!(
            Time::from_millis(1_709_164_800_000).iso(),
            "2024-02-29T00:00:00Z"
        );
        assert_eq!(
            Time::from_millis(1_735_689_599_999).iso(),
            "2024-12-31T23:59:59Z"
        );
    }

    #[test]
    fn a_clock_reading_that_is_no_time_is_the_epoch() {
        assert_eq!(Time::from_js(f64::NAN), Time::from_millis(0));
        assert_eq!(Time::from_js(-5.0), Time::from_millis(0));
        assert_eq!(Time::from_js(1234.9), Time::from_millis(1234));
    }
}
