//! What the system and the duration parser explain, in Chinese (issue 25): an I/O error's
//! reason by its kind with the system's error number, a refused file's reason, and why a
//! duration is not one, while English keeps the system's and jiff's own words.

use crate::common::*;

#[test]
fn a_text_that_is_no_duration_says_what_is_wrong_in_chinese() {
    let env = Env::new();
    let zh = |value: &str| {
        let flag = format!("--interval={value}");
        usage_head(&env, &["--lang", "zh", "watch", &flag, "d-1"])
    };
    let head = |value: &str| {
        format!("错误：'--interval <DURATION>' 的值 '{value}' 无效：\"{value}\" 不是时长")
    };
    let like = "；请写成 500ms、5s、2m 或 1h 这样的形式";
    assert_eq!(zh("abc"), format!("{}（其中没有数字）{like}", head("abc")));
    assert_eq!(zh("5"), format!("{}（数字后面没有单位）{like}", head("5")));
    assert_eq!(zh(""), format!("{}（它是空的）{like}", head("")));
    assert_eq!(
        zh("5 parsecs"),
        format!("{}（\"parsecs\" 不是时间单位）{like}", head("5 parsecs"))
    );
    // What cannot be told simply: only how to write one.
    assert_eq!(zh("5 s s"), format!("{}{like}", head("5 s s")));
    // In English the line is clap's, with jiff's explanation, as before.
    assert_eq!(
        usage_head(&env, &["watch", "--interval", "abc", "d-1"]),
        "error: invalid value 'abc' for '--interval <DURATION>': \"abc\" is not a duration \
         (failed to parse input in the \"friendly\" duration format: expected duration to start \
         with a unit value (a decimal integer) after an optional sign, but no integer was found); \
         write it like 500ms, 5s, 2m or 1h"
    );
}
