//! Hidden knobs for the integration tests: a panic on demand and shorter limits. Only debug
//! builds honour them, so a release binary cannot be tripped by a stray environment variable.

use std::time::Duration;

/// The variable's value in a debug build; `None` always in a release build.
fn knob(name: &str) -> Option<String> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var(name).ok()
}

/// `default`, unless the tests shortened it with `name=500ms` (so no test waits 10 s for a
/// constant); a value that is not a duration is ignored.
pub fn limit(name: &str, default: Duration) -> Duration {
    knob(name)
        .and_then(|v| crate::units::parse_duration(&v).ok())
        .unwrap_or(default)
}

/// Panics when `ASSIST_TEST_PANIC` names this place: how the tests reach the panic handling,
/// which no input is supposed to trigger.
pub fn panic_if(place: &str) {
    if knob("ASSIST_TEST_PANIC").as_deref() == Some(place) {
        panic!("ASSIST_TEST_PANIC={place}");
    }
}
