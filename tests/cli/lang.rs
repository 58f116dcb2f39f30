//! The language a person reads (issue 25): `--lang` > `ASSIST_LANG` > the profile's `lang` >
//! the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) > English, end to end through the binary.

use crate::common::*;

/// `cancel` on a desktop with nothing to cancel, with `vars` in the environment and `args`
/// before the command: it says one line on stderr, in the run's language, and exits 0.
fn nothing_to_cancel(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> String {
    let id = generated_id(1);
    let mut cmd = env.cmd();
    cmd.envs(vars.iter().copied())
        .args(args)
        .args(["cancel", &id]);
    let out = assert_output(&mut cmd, 0, "", &[]);
    stderr(&out)
}

fn chinese(id: &str) -> String {
    format!("无需取消：云桌面 {id} 没有活动的远程协助\n")
}

fn english(id: &str) -> String {
    format!("nothing to cancel: desktop {id} has no active remote assistance\n")
}

#[test]
fn a_chinese_locale_gives_chinese_messages() {
    let (_sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    for vars in [
        &[("LANG", "zh_CN.UTF-8")][..],
        &[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "C")][..],
        &[("LC_MESSAGES", "zh_CN.UTF-8")][..],
    ] {
        assert_eq!(nothing_to_cancel(&env, vars, &[]), chinese(&id), "{vars:?}");
    }
}

#[test]
fn the_flag_and_assist_lang_override_a_chinese_locale() {
    let (_sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    let zh = ("LANG", "zh_CN.UTF-8");
    assert_eq!(
        nothing_to_cancel(&env, &[zh], &["--lang", "en"]),
        english(&id)
    );
    assert_eq!(nothing_to_cancel(&env, &[zh], &["--lang=en"]), english(&id));
    assert_eq!(
        nothing_to_cancel(&env, &[zh, ("ASSIST_LANG", "en")], &[]),
        english(&id)
    );
    // The flag wins over the variable, both ways.
    let env_zh = ("ASSIST_LANG", "zh");
    assert_eq!(
        nothing_to_cancel(&env, &[env_zh], &["--lang", "en"]),
        english(&id)
    );
    let env_en = ("ASSIST_LANG", "en");
    assert_eq!(
        nothing_to_cancel(&env, &[env_en], &["--lang", "zh"]),
        chinese(&id)
    );
}

#[test]
fn other_locales_and_none_stay_english() {
    let (_sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    for vars in [
        &[][..],
        &[("LANG", "C")][..],
        &[("LANG", "C.UTF-8")][..],
        &[("LANG", "fr_FR.UTF-8")][..],
        // The first variable set decides, as POSIX says.
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")][..],
    ] {
        assert_eq!(nothing_to_cancel(&env, vars, &[]), english(&id), "{vars:?}");
    }
}

/// The default profile of [`setup`] with `lang = "…"` added.
fn with_profile_lang(sim: &Sim, env: &Env, word: &str) {
    let path = env.aksk_profile(sim, SK);
    let text = std::fs::read_to_string(&path).unwrap();
    env.write_config(&format!("{text}lang = \"{word}\"\n"));
}

#[test]
fn the_profile_lang_wins_over_the_locale_not_over_the_flag_or_variable() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    with_profile_lang(&sim, &env, "zh");
    let c = ("LANG", "C");
    assert_eq!(nothing_to_cancel(&env, &[c], &[]), chinese(&id));
    assert_eq!(nothing_to_cancel(&env, &[], &[]), chinese(&id));
    assert_eq!(
        nothing_to_cancel(&env, &[c], &["--lang", "en"]),
        english(&id)
    );
    assert_eq!(
        nothing_to_cancel(&env, &[c, ("ASSIST_LANG", "en")], &[]),
        english(&id)
    );
    with_profile_lang(&sim, &env, "en");
    let zh = ("LANG", "zh_CN.UTF-8");
    assert_eq!(nothing_to_cancel(&env, &[zh], &[]), english(&id));
}

#[test]
fn config_show_says_the_language_and_what_chose_it() {
    let (sim, env) = setup(&[]);
    let show = |vars: &[(&str, &str)], args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.envs(vars.iter().copied())
            .args(args)
            .args(["config", "show", "-o", "json"]);
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_secrets_kept(&out);
        json_of(&out)["lang"].clone()
    };
    let lang = |value: &str, source: &str| serde_json::json!({"value": value, "source": source});
    assert_eq!(show(&[], &[]), lang("en", "default"));
    assert_eq!(
        show(&[("LANG", "zh_CN.UTF-8")], &[]),
        lang("zh", "env LANG")
    );
    assert_eq!(
        show(&[("ASSIST_LANG", "zh")], &[]),
        lang("zh", "env ASSIST_LANG")
    );
    assert_eq!(show(&[], &["--lang", "zh"]), lang("zh", "flag --lang"));
    with_profile_lang(&sim, &env, "zh");
    let from_profile = format!("profile \"default\" in {}", env.config_path().display());
    assert_eq!(show(&[("LANG", "C")], &[]), lang("zh", &from_profile));
}

#[test]
fn a_language_assist_does_not_speak_is_refused() {
    let (sim, env) = setup(&["--desktops", "1"]);
    let id = generated_id(1);
    // On the command line: a usage error, exit 2, nothing sent.
    assert_error(env.cmd().args(["--lang", "fr", "cancel", &id]), 2, &["fr"]);
    assert_error(
        env.cmd().env("ASSIST_LANG", "fr").args(["cancel", &id]),
        2,
        &["fr"],
    );
    // In the profile: a config error naming the key, exit 3.
    with_profile_lang(&sim, &env, "fr");
    let path = env.config_path();
    let out = assert_error(env.cmd().args(["cancel", &id]), 3, &[]);
    assert_eq!(
        stderr(&out),
        format!(
            "error: `lang = \"fr\"` in profile \"default\" of {} is not a language assist speaks\n  hint: write lang = \"en\" (English) or lang = \"zh\" (简体中文), or leave it out\n",
            path.display()
        )
    );
    // Said in the language the locale chose, since the profile's own is the one refused.
    let out = assert_error(
        env.cmd().env("LANG", "zh_CN.UTF-8").args(["cancel", &id]),
        3,
        &[],
    );
    assert_eq!(
        stderr(&out),
        format!(
            "错误：{} 中配置档 \"default\" 的 `lang = \"fr\"` 不是 assist 支持的语言\n  建议：请写 lang = \"en\"（English）或 lang = \"zh\"（简体中文），或者不写\n",
            path.display()
        )
    );
    assert_nothing_changed(&sim);
}

#[test]
fn an_error_and_its_hint_have_chinese_prefixes_and_words() {
    let (sim, env) = setup(&[]);
    let path = env.aksk_profile(&sim, SK);
    let text = std::fs::read_to_string(&path).unwrap();
    env.write_config(&text.replace("project_id", "projectid"));
    let out = assert_error(
        env.cmd()
            .env("LANG", "zh_CN.UTF-8")
            .args(["show", &generated_id(1)]),
        3,
        &[],
    );
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    // The error's own words are the errors' part of the work; its prefix is Chinese here.
    assert!(lines[0].starts_with("错误："), "{err}");
    assert!(lines[0].contains("projectid"), "{err}");
    assert_eq!(lines[1], "  建议：您是不是要用 `project_id`？");
    // In English, the same run reads as before.
    let out = assert_error(env.cmd().args(["show", &generated_id(1)]), 3, &[]);
    let err = stderr(&out);
    assert!(err.starts_with("error: unknown key `projectid`"), "{err}");
    assert!(
        err.ends_with("\n  hint: did you mean `project_id`?\n"),
        "{err}"
    );
    assert_nothing_changed(&sim);
}
