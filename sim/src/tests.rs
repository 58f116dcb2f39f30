//! The simulator over real HTTP on loopback: authentication, the seeded records, the state
//! machine, every fault kind, the control endpoints, ListDesktops and IAM.

use super::*;
use crate::verify::{self, Received};
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::{Method, StatusCode, Url};
use serde_json::{json, Value};
use std::time::Instant;

const EXAMPLE: &str = "a130ab3a-72bf-4b71-baa9-af4987c8e338";

fn seeded(n: u32) -> String {
    format!("11111111-0000-4000-8000-{n:012}")
}

fn start(configure: impl FnOnce(&mut SimArgs)) -> Handle {
    let mut args = SimArgs::demo();
    configure(&mut args);
    spawn(&args).unwrap()
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn assistance_url(sim: &Handle, desktop: &str) -> String {
    format!(
        "{}/v2/{DEMO_PROJECT_ID}/desktops/{desktop}/remote-assistance",
        sim.url()
    )
}

/// A request signed the way the official SDK signs it, with the given SK and X-Sdk-Date.
fn signed_with(method: Method, url: &str, sk: &str, date: &str, body: &[u8]) -> RequestBuilder {
    let parsed = Url::parse(url).unwrap();
    let host = format!("{}:{}", parsed.host_str().unwrap(), parsed.port().unwrap());
    let headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("X-Project-Id".to_string(), DEMO_PROJECT_ID.to_string()),
        ("X-Sdk-Date".to_string(), date.to_string()),
        ("Host".to_string(), host),
    ];
    let req = Received {
        method: method.as_str(),
        path: parsed.path(),
        query: parsed.query().unwrap_or(""),
        headers: &headers,
        body,
    };
    let signed = "content-type;host;x-project-id;x-sdk-date";
    let authorization = verify::authorization(DEMO_AK, sk, &req, signed);
    let mut builder = client().request(method, url);
    for (name, value) in headers.iter().filter(|(n, _)| n != "Host") {
        builder = builder.header(name, value);
    }
    builder
        .header("Authorization", authorization)
        .body(body.to_vec())
}

fn sdk_date_now() -> String {
    jiff::Timestamp::now()
        .strftime(verify::DATE_FORMAT)
        .to_string()
}

fn signed(method: Method, url: &str) -> Response {
    signed_with(method, url, DEMO_SK, &sdk_date_now(), b"")
        .send()
        .unwrap()
}

/// With `Content-Length: 0` on POST and DELETE, as the SDK sends them (else 411).
fn with_token(method: Method, url: &str) -> Response {
    let bodiless = method == Method::POST || method == Method::DELETE;
    let mut req = client()
        .request(method, url)
        .header("X-Auth-Token", DEMO_TOKEN);
    if bodiless {
        req = req.header("Content-Length", "0");
    }
    req.send().unwrap()
}

fn get(sim: &Handle, desktop: &str) -> Response {
    with_token(Method::GET, &assistance_url(sim, desktop))
}

fn body(resp: Response) -> Value {
    serde_json::from_str(&resp.text().unwrap()).unwrap()
}

fn request_id(resp: &Response) -> String {
    resp.headers()
        .get("x-request-id")
        .expect("X-Request-Id")
        .to_str()
        .unwrap()
        .to_string()
}

fn is_request_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Asserts a Workspace or gateway error and returns its body.
fn error(resp: Response, status: u16, code: &str) -> Value {
    assert_eq!(resp.status().as_u16(), status);
    let id = request_id(&resp);
    assert!(is_request_id(&id), "{id}");
    let body = body(resp);
    assert_eq!(body["error_code"], code, "{body}");
    if code.starts_with("APIGW") {
        assert_eq!(body["request_id"], id.as_str());
    }
    body
}

fn control(sim: &Handle, method: Method, path: &str, json_body: Option<Value>) -> Response {
    let mut req = client().request(method, format!("{}/_sim/{path}", sim.url()));
    if let Some(b) = json_body {
        req = req.json(&b);
    }
    req.send().unwrap()
}

fn add_fault(sim: &Handle, rule: Value) {
    let resp = control(sim, Method::POST, "faults", Some(rule));
    assert_eq!(
        resp.status(),
        StatusCode::CREATED,
        "{}",
        resp.text().unwrap()
    );
}

fn is_code(s: &str) -> bool {
    s.len() == 8
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

mod phase_a {
    use super::*;

    #[test]
    fn a_signed_get_answers_the_api_reference_example() {
        let sim = start(|_| {});
        let resp = signed(Method::GET, &assistance_url(&sim, EXAMPLE));
        assert_eq!(resp.status(), StatusCode::OK);
        assert!(is_request_id(&request_id(&resp)));
        let expected = json!({
          "share_space_id" : "abvccch3jk12h3kj123hkj12",
          "invitation_code" : "D1F32AA6",
          "share_space_name" : "testShareSpaceName",
          "private_share_link" : "https://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6",
          "internet_share_link" : "https://127.0.0.1:9445/#/share-space?username=xxx&workspace_id=xxx&code=D1F32GF6",
          "create_time" : "2022-03-28T00:00:00Z",
          "status" : "OPEN",
          "failed_reason" : null
        });
        assert_eq!(body(resp), expected);
    }

    #[test]
    fn a_wrong_sk_is_refused_with_apigw_0301() {
        let sim = start(|_| {});
        let resp = signed_with(
            Method::GET,
            &assistance_url(&sim, EXAMPLE),
            "not-the-secret",
            &sdk_date_now(),
            b"",
        )
        .send()
        .unwrap();
        let body = error(resp, 401, "APIGW.0301");
        assert_eq!(
            body["error_msg"],
            "Incorrect IAM authentication information: verify aksk signature fail"
        );
    }

    #[test]
    fn an_unknown_ak_is_refused_with_apigw_0301() {
        let sim = start(|a| a.ak = "ANOTHERAK".into());
        let resp = signed(Method::GET, &assistance_url(&sim, EXAMPLE));
        error(resp, 401, "APIGW.0301");
    }

    #[test]
    fn a_date_twenty_minutes_off_is_refused_with_apigw_0303() {
        let sim = start(|_| {});
        let late = jiff::Timestamp::now() - jiff::SignedDuration::from_mins(20);
        let date = late.strftime(verify::DATE_FORMAT).to_string();
        let url = assistance_url(&sim, EXAMPLE);
        let resp = signed_with(Method::GET, &url, DEMO_SK, &date, b"")
            .send()
            .unwrap();
        let body = error(resp, 401, "APIGW.0303");
        assert_eq!(
            body["error_msg"],
            "Incorrect IAM authentication information: signature expired"
        );
        // Ten minutes off is within the gateway's tolerance.
        let early = jiff::Timestamp::now() + jiff::SignedDuration::from_mins(10);
        let date = early.strftime(verify::DATE_FORMAT).to_string();
        let resp = signed_with(Method::GET, &url, DEMO_SK, &date, b"")
            .send()
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
    }

    #[test]
    fn a_missing_or_garbled_date_is_refused_with_apigw_0303() {
        let sim = start(|_| {});
        let url = assistance_url(&sim, EXAMPLE);
        let resp = signed_with(Method::GET, &url, DEMO_SK, "yesterday", b"")
            .send()
            .unwrap();
        error(resp, 401, "APIGW.0303");
    }

    #[test]
    fn a_signed_post_with_a_body_verifies() {
        let sim = start(|_| {});
        let url = assistance_url(&sim, &seeded(4));
        let resp = signed_with(Method::POST, &url, DEMO_SK, &sdk_date_now(), b"{}")
            .send()
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
    }

    #[test]
    fn a_tampered_body_fails_the_signature() {
        let sim = start(|_| {});
        let url = assistance_url(&sim, &seeded(4));
        let date = sdk_date_now();
        let good = signed_with(Method::POST, &url, DEMO_SK, &date, b"{}")
            .build()
            .unwrap();
        let mut tampered = signed_with(Method::POST, &url, DEMO_SK, &date, b"{\"x\":1}")
            .build()
            .unwrap();
        let auth = good.headers()["authorization"].clone();
        tampered.headers_mut().insert("authorization", auth);
        let resp = client().execute(tampered).unwrap();
        error(resp, 401, "APIGW.0301");
    }

    #[test]
    fn the_token_is_accepted_and_a_wrong_one_is_not() {
        let sim = start(|_| {});
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
        let resp = client()
            .get(assistance_url(&sim, EXAMPLE))
            .header("X-Auth-Token", "forged")
            .send()
            .unwrap();
        let body = error(resp, 401, "APIGW.0301");
        assert_eq!(
            body["error_msg"],
            "Incorrect IAM authentication information: decrypt token fail"
        );
    }

    #[test]
    fn no_credentials_at_all_is_apigw_0301() {
        let sim = start(|_| {});
        let resp = client().get(assistance_url(&sim, EXAMPLE)).send().unwrap();
        error(resp, 401, "APIGW.0301");
        let resp = client()
            .get(assistance_url(&sim, EXAMPLE))
            .header("Authorization", "Basic dXNlcjpwYXNz")
            .send()
            .unwrap();
        error(resp, 401, "APIGW.0301");
    }

    #[test]
    fn an_unknown_desktop_is_a_404_naming_it() {
        let sim = start(|_| {});
        let body = error(get(&sim, "no-such-desktop"), 404, "SIM.0404");
        assert!(body["error_msg"]
            .as_str()
            .unwrap()
            .contains("no-such-desktop"));
        assert!(
            body.get("request_id").is_none(),
            "a Workspace body, not a gateway one"
        );
    }

    #[test]
    fn an_encoded_slash_stays_inside_the_desktop_id() {
        let sim = start(|_| {});
        let resp = signed(Method::GET, &assistance_url(&sim, "a%2Fb"));
        let body = error(resp, 404, "SIM.0404");
        assert_eq!(
            body["error_msg"],
            "No remote assistance found for desktop a/b."
        );
    }

    #[test]
    fn the_request_log_shows_raw_paths_and_hides_secrets() {
        let sim = start(|_| {});
        signed(Method::GET, &assistance_url(&sim, "a%2Fb"));
        get(&sim, EXAMPLE);
        control(&sim, Method::GET, "stats", None);
        let log = body(control(&sim, Method::GET, "requests", None));
        let log = log.as_array().unwrap();
        assert_eq!(log.len(), 2, "control requests are not logged: {log:?}");
        assert_eq!(
            log[0]["path"],
            format!("/v2/{DEMO_PROJECT_ID}/desktops/a%2Fb/remote-assistance")
        );
        assert_eq!(log[0]["method"], "GET");
        assert_eq!(log[0]["status"], 404);
        let auth = log[0]["headers"]["authorization"].as_str().unwrap();
        assert!(auth.starts_with("SDK-HMAC-SHA256 Access=DEMOACCESSKEY0000000, SignedHeaders="));
        assert!(auth.ends_with("Signature=(redacted)"), "{auth}");
        assert_eq!(log[0]["headers"]["x-project-id"], DEMO_PROJECT_ID);
        assert_eq!(log[1]["headers"]["x-auth-token"], "(redacted)");
        let text = serde_json::to_string(&log).unwrap();
        assert!(!text.contains(DEMO_TOKEN));
    }

    #[test]
    fn request_ids_are_unique() {
        let sim = start(|_| {});
        let ids: std::collections::HashSet<String> =
            (0..20).map(|_| request_id(&get(&sim, EXAMPLE))).collect();
        assert_eq!(ids.len(), 20);
    }

    #[test]
    fn unknown_routes_and_methods_get_gateway_bodies() {
        let sim = start(|_| {});
        let resp = with_token(Method::GET, &format!("{}/v3/whatever", sim.url()));
        let body = error(resp, 404, "APIGW.0101");
        assert_eq!(
            body["error_msg"],
            "The API does not exist or has not been published in the environment"
        );
        let resp = with_token(Method::PUT, &assistance_url(&sim, EXAMPLE));
        error(resp, 405, "SIM.0405");
        let resp = with_token(Method::GET, &format!("{}/_sim/nothing", sim.url()));
        error(resp, 404, "APIGW.0101");
    }

    #[test]
    fn a_wrong_project_is_a_404() {
        let sim = start(|_| {});
        let url = format!(
            "{}/v2/otherproject/desktops/{EXAMPLE}/remote-assistance",
            sim.url()
        );
        let body = error(with_token(Method::GET, &url), 404, "SIM.0410");
        assert!(body["error_msg"].as_str().unwrap().contains("otherproject"));
    }

    #[test]
    fn the_seeded_open_desktop_has_all_nine_fields() {
        let sim = start(|_| {});
        let record = body(get(&sim, &seeded(1)));
        assert_eq!(record.as_object().unwrap().len(), 9, "{record}");
        assert_eq!(record["status"], "OPEN");
        assert_eq!(record["share_space_passwd"], "Sim-Passw0rd!");
        assert_eq!(record["failed_reason"], Value::Null);
        let code = record["invitation_code"].as_str().unwrap();
        assert!(is_code(code), "{code}");
        for link in ["private_share_link", "internet_share_link"] {
            let link = record[link].as_str().unwrap();
            assert!(link.ends_with(&format!("code={code}")), "{link}");
        }
    }

    #[test]
    fn the_other_seeded_desktops() {
        let sim = start(|_| {});
        for (n, status) in [
            (2, "WAIT_USER_CONFIRM"),
            (3, "WAIT_USER_ACCESS"),
            (4, "CLOSE"),
        ] {
            let record = body(get(&sim, &seeded(n)));
            assert_eq!(record["status"], status);
            assert!(record.get("invitation_code").is_none(), "{record}");
            assert_eq!(record["failed_reason"], Value::Null);
        }
        let declined = body(get(&sim, &seeded(5)));
        assert_eq!(declined["status"], "CLOSE");
        assert_eq!(
            declined["failed_reason"],
            "The end user declined the remote assistance request."
        );
        let body = error(get(&sim, &seeded(6)), 404, "SIM.0404");
        assert_eq!(
            body["error_msg"],
            format!("No remote assistance found for desktop {}.", seeded(6))
        );
    }

    #[test]
    fn debug_hides_the_sk_and_the_token() {
        let text = format!("{:?}", SimArgs::demo());
        assert!(
            !text.contains(DEMO_SK) && !text.contains(DEMO_TOKEN),
            "{text}"
        );
        assert!(text.contains(DEMO_AK));
    }

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        sim: SimArgs,
    }

    #[test]
    fn demo_matches_the_clap_defaults() {
        use clap::Parser;
        let parsed = Cli::try_parse_from(["sim"]).unwrap().sim;
        let demo = SimArgs::demo();
        assert_eq!(format!("{parsed:?}"), format!("{demo:?}"));
        assert_eq!(parsed.sk.expose(), demo.sk.expose());
        assert_eq!(parsed.token.expose(), demo.token.expose());
    }

    #[test]
    fn flags_parse() {
        use clap::Parser;
        let args = Cli::try_parse_from([
            "sim",
            "--confirm-after",
            "100ms",
            "--seed-status",
            "MIXED",
            "--fault",
            "latency:1s",
            "--fault-on",
            "x=y=500",
            "--refuse",
            "a",
            "--refuse",
            "b",
        ])
        .unwrap()
        .sim;
        assert_eq!(args.confirm_after, Duration::from_millis(100));
        assert_eq!(args.seed_status, SeedStatus::Mixed);
        assert_eq!(args.fault, Some(FaultKind::Latency(Duration::from_secs(1))));
        assert_eq!(args.fault_on[0].desktop_id, "x=y");
        assert_eq!(args.fault_on[0].kind, FaultKind::Internal);
        assert_eq!(args.refuse, ["a", "b"]);
        assert!(Cli::try_parse_from(["sim", "--fault", "explode"]).is_err());
        assert!(Cli::try_parse_from(["sim", "--fault-rate", "2"]).is_err());
    }

    #[test]
    fn a_non_loopback_address_needs_allow_remote() {
        let err = spawn(&SimArgs {
            addr: "0.0.0.0:0".parse().unwrap(),
            ..SimArgs::demo()
        })
        .err()
        .unwrap();
        assert!(err.to_string().contains("--allow-remote"), "{err}");
    }

    #[test]
    fn the_banner_starts_with_the_url_line() {
        let addr: SocketAddr = "127.0.0.1:8443".parse().unwrap();
        let banner = banner(&SimArgs::demo(), url(false, addr));
        let mut lines = banner.lines();
        assert_eq!(
            lines.next().unwrap(),
            "# assist simulator listening on http://127.0.0.1:8443 (Ctrl-C to stop)"
        );
        for line in [
            "[profiles.sim]",
            "endpoint = \"http://127.0.0.1:8443\"",
            "auth = \"aksk\"",
            &format!("project_id = \"{DEMO_PROJECT_ID}\""),
            &format!("ak = \"{DEMO_AK}\""),
            &format!("sk = \"{DEMO_SK}\""),
        ] {
            assert!(banner.lines().any(|l| l == line), "{line} in\n{banner}");
        }
        assert!(banner.contains(DEMO_TOKEN));
    }

    #[test]
    fn dropping_the_handle_frees_the_port() {
        let sim = start(|_| {});
        let addr = sim.addr();
        drop(sim);
        let again = spawn(&SimArgs {
            addr,
            ..SimArgs::demo()
        })
        .unwrap();
        assert_eq!(again.addr(), addr);
    }
}

mod phase_b {
    use super::*;

    /// Each step of a session takes a minute of simulated time: only the test moves it on (a
    /// 100 ms real delay was a window a busy machine could miss, or pass before a look).
    const STEP: Duration = Duration::from_secs(60);

    fn stepped(a: &mut SimArgs) {
        a.confirm_after = STEP;
        a.access_after = STEP;
    }

    fn post(sim: &Handle, desktop: &str) -> Response {
        with_token(Method::POST, &assistance_url(sim, desktop))
    }

    fn delete(sim: &Handle, desktop: &str) -> Response {
        with_token(Method::DELETE, &assistance_url(sim, desktop))
    }

    fn status_of(sim: &Handle, desktop: &str) -> Value {
        body(get(sim, desktop))["status"].clone()
    }

    #[test]
    fn a_started_session_goes_through_the_states_to_open() {
        let sim = start(stepped);
        let desktop = seeded(6);
        let started = body(post(&sim, &desktop));
        assert_eq!(started["status"], "WAIT_USER_CONFIRM");
        assert_eq!(started["desktop_id"], desktop.as_str());
        assert_eq!(started["initiator_type"], "ADMIN_INITIATE");
        let space = started["share_space_id"].clone();
        assert!(space.is_string());
        assert_eq!(status_of(&sim, &desktop), "WAIT_USER_CONFIRM");
        sim.advance(STEP);
        let waiting = body(get(&sim, &desktop));
        assert_eq!(waiting["status"], "WAIT_USER_ACCESS");
        assert!(waiting.get("invitation_code").is_none());
        sim.advance(STEP);
        let open = body(get(&sim, &desktop));
        assert_eq!(open["status"], "OPEN", "{open}");
        assert_eq!(open["share_space_id"], space);
        let code = open["invitation_code"].as_str().unwrap();
        assert!(is_code(code), "{code}");
        assert!(open["private_share_link"]
            .as_str()
            .unwrap()
            .ends_with(&format!("code={code}")));
        assert!(open["share_space_passwd"].as_str().unwrap().len() >= 8);
        let created = open["create_time"].as_str().unwrap();
        assert!(
            jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M:%SZ", created).is_ok(),
            "{created}"
        );
    }

    #[test]
    fn starting_again_while_active_returns_the_same_session() {
        let sim = start(stepped);
        let first = body(post(&sim, &seeded(6)));
        let second = body(post(&sim, &seeded(6)));
        assert_eq!(first["share_space_id"], second["share_space_id"]);
        let open = body(post(&sim, &seeded(1)));
        assert_eq!(open["status"], "OPEN");
        assert_eq!(
            open["share_space_id"],
            body(get(&sim, &seeded(1)))["share_space_id"]
        );
    }

    #[test]
    fn each_new_session_gets_a_fresh_code() {
        let sim = start(|a| {
            a.confirm_after = Duration::ZERO;
            a.access_after = Duration::ZERO;
        });
        let mut codes = std::collections::HashSet::new();
        for _ in 0..3 {
            post(&sim, &seeded(6));
            codes.insert(body(get(&sim, &seeded(6)))["invitation_code"].clone());
            assert_eq!(delete(&sim, &seeded(6)).status(), StatusCode::NO_CONTENT);
        }
        assert_eq!(codes.len(), 3);
    }

    #[test]
    fn a_refusing_desktop_closes_with_a_reason_after_the_confirm_delay() {
        let other = seeded(4);
        let sim = start(|a| {
            stepped(a);
            a.refuse = vec![other.clone()];
        });
        for desktop in [seeded(7), other.clone()] {
            assert_eq!(body(post(&sim, &desktop))["status"], "WAIT_USER_CONFIRM");
        }
        sim.advance(STEP);
        for desktop in [seeded(7), other] {
            let record = body(get(&sim, &desktop));
            assert_eq!(record["status"], "CLOSE");
            assert_eq!(
                record["failed_reason"],
                "The end user declined the remote assistance request."
            );
        }
    }

    #[test]
    fn cancel_closes_and_cannot_close_twice() {
        let sim = start(stepped);
        let resp = delete(&sim, &seeded(1));
        assert_eq!(resp.status(), StatusCode::NO_CONTENT);
        assert!(is_request_id(&request_id(&resp)));
        assert_eq!(resp.text().unwrap(), "");
        let closed = body(get(&sim, &seeded(1)));
        assert_eq!(closed["status"], "CLOSE");
        assert!(closed.get("invitation_code").is_none());
        let body = error(delete(&sim, &seeded(1)), 404, "SIM.0412");
        assert!(body["error_msg"]
            .as_str()
            .unwrap()
            .contains("no active remote assistance"));
        error(delete(&sim, &seeded(6)), 404, "SIM.0412");
        error(delete(&sim, &seeded(4)), 404, "SIM.0412");
        error(delete(&sim, "nope"), 404, "SIM.0404");
        error(post(&sim, "nope"), 404, "SIM.0404");
    }

    #[test]
    fn generated_desktops_exist_only_up_to_n() {
        let sim = start(|a| a.desktops = 10_000);
        error(
            get(&sim, "00000000-0000-4000-8000-000000000001"),
            404,
            "SIM.0404",
        );
        error(
            get(&sim, "00000000-0000-4000-8000-000000010000"),
            404,
            "SIM.0404",
        );
        error(
            get(&sim, "00000000-0000-4000-8000-000000010001"),
            404,
            "SIM.0404",
        );
        error(
            get(&sim, "00000000-0000-4000-8000-000000000000"),
            404,
            "SIM.0404",
        );
        error(
            get(&sim, "00000000-0000-4000-8000-00000000001"),
            404,
            "SIM.0404",
        );
        let started = body(post(&sim, "00000000-0000-4000-8000-000000000042"));
        assert_eq!(started["status"], "WAIT_USER_CONFIRM");
    }

    #[test]
    fn mixed_seeding_is_a_deterministic_mix() {
        let sim = start(|a| {
            a.desktops = 10;
            a.seed_status = SeedStatus::Mixed;
        });
        let id = |i: u32| format!("00000000-0000-4000-8000-{i:012}");
        let open = body(get(&sim, &id(1)));
        assert_eq!(open["status"], "OPEN");
        assert!(is_code(open["invitation_code"].as_str().unwrap()));
        assert_eq!(status_of(&sim, &id(2)), "WAIT_USER_CONFIRM");
        assert_eq!(status_of(&sim, &id(3)), "WAIT_USER_ACCESS");
        assert_eq!(status_of(&sim, &id(4)), "CLOSE");
        error(get(&sim, &id(5)), 404, "SIM.0404");
        let again = start(|a| {
            a.desktops = 10;
            a.seed_status = SeedStatus::Mixed;
        });
        assert_eq!(body(get(&again, &id(1))), open);
    }

    fn assert_fault(kind: &str, check: impl FnOnce(Response)) {
        let sim = start(|_| {});
        add_fault(&sim, json!({ "kind": kind, "count": 1 }));
        check(get(&sim, EXAMPLE));
        assert_eq!(
            get(&sim, EXAMPLE).status(),
            StatusCode::OK,
            "{kind} was for one request"
        );
    }

    #[test]
    fn fault_429_has_retry_after_and_apigw_0308() {
        let sim = start(|_| {});
        add_fault(&sim, json!({"kind": "429", "count": 2, "retry_after": 3}));
        for _ in 0..2 {
            let resp = get(&sim, EXAMPLE);
            assert_eq!(resp.headers()["retry-after"], "3");
            let body = error(resp, 429, "APIGW.0308");
            assert_eq!(
                body["error_msg"],
                "The throttling threshold has been reached"
            );
        }
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
    }

    #[test]
    fn fault_5xx_have_gateway_json_bodies() {
        for (kind, code) in [
            ("500", "SIM.0500"),
            ("502", "APIGW.0201"),
            ("503", "SIM.0503"),
        ] {
            assert_fault(kind, |resp| {
                error(resp, kind.parse().unwrap(), code);
            });
        }
    }

    #[test]
    fn fault_html_is_a_502_page() {
        assert_fault("html", |resp| {
            assert_eq!(resp.status(), StatusCode::BAD_GATEWAY);
            assert!(is_request_id(&request_id(&resp)));
            assert_eq!(resp.headers()["content-type"], "text/html");
            assert!(resp.text().unwrap().contains("<h1>502 Bad Gateway</h1>"));
        });
    }

    #[test]
    fn fault_empty_is_a_200_without_body() {
        assert_fault("empty", |resp| {
            assert_eq!(resp.status(), StatusCode::OK);
            assert_eq!(resp.text().unwrap(), "");
        });
    }

    #[test]
    fn fault_truncated_is_half_a_json() {
        assert_fault("truncated", |resp| {
            assert_eq!(resp.status(), StatusCode::OK);
            let text = resp.text().unwrap();
            assert!(text.starts_with("{\"share_space_id\""), "{text}");
            assert!(serde_json::from_str::<Value>(&text).is_err());
        });
    }

    #[test]
    fn fault_bodies_of_the_wrong_shape() {
        assert_fault("wrong-types", |resp| {
            let body = body(resp);
            assert_eq!(body["create_time"], 1_648_425_600);
            assert_eq!(
                body["share_space_name"],
                json!({"en": "testShareSpaceName"})
            );
            assert_eq!(body["failed_reason"], false);
            assert_eq!(body["status"], "OPEN");
        });
        assert_fault("nulls", |resp| {
            let body = body(resp);
            let members = body.as_object().unwrap();
            assert_eq!(members.len(), 9);
            assert!(members.values().all(Value::is_null));
        });
        assert_fault("unknown-status", |resp| {
            let body = body(resp);
            assert_eq!(body["status"], "PAUSED");
            assert_eq!(body["invitation_code"], "D1F32AA6");
        });
        assert_fault("escapes", |resp| {
            let text = resp.text().unwrap();
            for escaped in ["\\u001b[31m", "\\r", "\\u0007"] {
                assert!(text.contains(escaped), "{escaped} in {text}");
            }
            let body: Value = serde_json::from_str(&text).unwrap();
            assert!(body["invitation_code"].as_str().unwrap().contains('\u{1b}'));
        });
    }

    #[test]
    fn fault_huge_is_ten_megabytes_of_valid_json() {
        assert_fault("huge", |resp| {
            let text = resp.text().unwrap();
            assert!(text.len() > 10 * 1024 * 1024);
            let body: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(body["status"], "OPEN");
        });
    }

    #[test]
    fn fault_trickle_sends_a_byte_a_second() {
        use std::io::Read;
        let sim = start(|_| {});
        add_fault(&sim, json!({"kind": "trickle"}));
        let began = Instant::now();
        let mut resp = get(&sim, EXAMPLE);
        assert_eq!(resp.status(), StatusCode::OK);
        let mut buf = [0u8; 64];
        let n = resp.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"{");
        let n = resp.read(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"\"");
        assert!(began.elapsed() >= Duration::from_millis(900));
        drop(resp);
        // The server still answers while a trickle is in progress, and stops promptly.
        control(&sim, Method::DELETE, "faults", None);
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
    }

    #[test]
    fn fault_drop_ends_the_connection_mid_answer() {
        let sim = start(|_| {});
        add_fault(&sim, json!({"kind": "drop", "count": 1}));
        let outcome = client()
            .get(assistance_url(&sim, EXAMPLE))
            .header("X-Auth-Token", DEMO_TOKEN)
            .send()
            .and_then(|r| r.text());
        assert!(outcome.is_err(), "{outcome:?}");
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
    }

    #[test]
    fn fault_latency_delays_a_normal_answer() {
        let sim = start(|_| {});
        add_fault(
            &sim,
            json!({"kind": "latency", "latency": "300ms", "count": 1}),
        );
        let began = Instant::now();
        let resp = get(&sim, EXAMPLE);
        assert!(began.elapsed() >= Duration::from_millis(300));
        assert_eq!(body(resp)["invitation_code"], "D1F32AA6");
    }

    #[test]
    fn the_latency_flag_delays_every_workspace_answer() {
        let sim = start(|a| a.latency = Duration::from_millis(200));
        let began = Instant::now();
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
        assert!(began.elapsed() >= Duration::from_millis(200));
    }

    #[test]
    fn a_desktop_fault_hits_only_that_desktop() {
        let sim = start(|a| {
            a.fault_on = vec!["11111111-0000-4000-8000-000000000001=503".parse().unwrap()]
        });
        error(get(&sim, &seeded(1)), 503, "SIM.0503");
        error(get(&sim, &seeded(1)), 503, "SIM.0503");
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
        add_fault(&sim, json!({"kind": "500", "desktop_id": EXAMPLE}));
        error(get(&sim, EXAMPLE), 500, "SIM.0500");
        error(get(&sim, &seeded(1)), 503, "SIM.0503");
    }

    #[test]
    fn the_fault_rate_flag_hits_a_fraction() {
        let sim = start(|a| {
            a.fault = Some(FaultKind::Internal);
            a.fault_rate = 0.5;
        });
        let failed = (0..60)
            .filter(|_| get(&sim, EXAMPLE).status() == StatusCode::INTERNAL_SERVER_ERROR)
            .count();
        assert!((5..=55).contains(&failed), "{failed} of 60");
        let never = start(|a| {
            a.fault = Some(FaultKind::Internal);
            a.fault_rate = 0.0;
        });
        assert!((0..10).all(|_| get(&never, EXAMPLE).status() == StatusCode::OK));
    }

    #[test]
    fn faults_need_authentication_first() {
        let sim = start(|_| {});
        add_fault(&sim, json!({"kind": "500"}));
        let resp = client().get(assistance_url(&sim, EXAMPLE)).send().unwrap();
        error(resp, 401, "APIGW.0301");
    }

    #[test]
    fn the_fault_endpoint_lists_rejects_and_clears() {
        let sim = start(|_| {});
        add_fault(
            &sim,
            json!({"kind": "latency:1s", "desktop_id": "x", "count": 2}),
        );
        let rules = body(control(&sim, Method::GET, "faults", None));
        assert_eq!(
            rules,
            json!([{"kind": "latency:1s", "desktop_id": "x", "remaining": 2, "retry_after": 1}])
        );
        for bad in [
            json!({"kind": "explode"}),
            json!({"kind": "500", "count": 0}),
            json!({"nope": 1}),
        ] {
            let resp = control(&sim, Method::POST, "faults", Some(bad));
            error(resp, 400, "SIM.0400");
        }
        let resp = client()
            .post(format!("{}/_sim/faults", sim.url()))
            .body("not json")
            .send()
            .unwrap();
        error(resp, 400, "SIM.0400");
        let resp = control(&sim, Method::DELETE, "faults", None);
        assert_eq!(resp.status(), StatusCode::NO_CONTENT);
        assert_eq!(body(control(&sim, Method::GET, "faults", None)), json!([]));
    }

    #[test]
    fn stats_count_workspace_requests_by_status() {
        let sim = start(|_| {});
        get(&sim, EXAMPLE);
        get(&sim, EXAMPLE);
        get(&sim, "nope");
        client().get(assistance_url(&sim, EXAMPLE)).send().unwrap();
        control(&sim, Method::GET, "requests", None);
        let stats = body(control(&sim, Method::GET, "stats", None));
        assert_eq!(
            stats,
            json!({
                "requests": 4,
                "by_status": {"200": 2, "401": 1, "404": 1},
                "iam_token_requests": 0,
                "iam_project_requests": 0,
                "in_flight": 0,
                "faults": {},
                // The 401 never reached the flow control; each helper call is a new client.
                "quota": {"rate": null, "accepted": 3, "throttled": 0},
                "connections": {"opened": 6, "idle_closed": 0}
            })
        );
    }

    #[test]
    fn odd_input_never_breaks_the_server() {
        let sim = start(|_| {});
        let odd = [
            "%FF%FE",
            "%",
            "..",
            "%00",
            "\u{1b}[31m",
            "a%2F..%2F..%2Fetc",
        ];
        for desktop in odd {
            let resp = signed(Method::GET, &assistance_url(&sim, desktop));
            assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{desktop}");
        }
        let resp = client()
            .get(assistance_url(&sim, EXAMPLE))
            .header(
                "Authorization",
                "SDK-HMAC-SHA256 Access=, SignedHeaders=, Signature=",
            )
            .header("X-Sdk-Date", sdk_date_now())
            .send()
            .unwrap();
        error(resp, 401, "APIGW.0301");
        let resp = client()
            .get(assistance_url(&sim, EXAMPLE))
            .header("Authorization", vec![0xffu8, 0xfe])
            .send()
            .unwrap();
        error(resp, 401, "APIGW.0301");
        let resp = client()
            .post(assistance_url(&sim, EXAMPLE))
            .header("X-Auth-Token", DEMO_TOKEN)
            .body(vec![b'x'; 2 * 1024 * 1024])
            .send()
            .unwrap();
        error(resp, 413, "APIGW.0201");
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
    }
}

mod phase_c {
    use super::*;

    fn list(sim: &Handle, query: &str) -> Value {
        let url = format!("{}/v2/{DEMO_PROJECT_ID}/desktops{query}", sim.url());
        let resp = signed(Method::GET, &url);
        assert_eq!(resp.status(), StatusCode::OK, "{query}");
        body(resp)
    }

    fn ids(page: &Value) -> Vec<String> {
        page["desktops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["desktop_id"].as_str().unwrap().to_string())
            .collect()
    }

    /// `ignore-filters`: every filter dropped, the page kept, the other calls untouched.
    #[test]
    fn ignore_filters_lists_every_desktop_whatever_was_asked() {
        let sim = start(|a| a.fault = Some(FaultKind::IgnoreFilters));
        let page = list(
            &sim,
            "?user_name=alice&computer_name=HR-PC-001&status=SHUTOFF",
        );
        assert_eq!(page["total_count"], 8, "{page}");
        let page = list(&sim, "?user_name=alice&offset=6&limit=5");
        assert_eq!(ids(&page), [seeded(6), seeded(7)]);
        assert_eq!(body(get(&sim, EXAMPLE))["status"], "OPEN");
    }

    #[test]
    fn all_desktops_with_their_fields() {
        let sim = start(|_| {});
        let page = list(&sim, "");
        assert_eq!(page["total_count"], 8);
        let first = &page["desktops"][0];
        assert_eq!(first["desktop_id"], EXAMPLE);
        assert_eq!(first["computer_name"], "FIN-PC-042");
        assert_eq!(first["user_name"], "alice");
        assert_eq!(first["attach_user_infos"][0]["user_name"], "alice");
        for key in [
            "ip_address",
            "status",
            "connect_status",
            "created",
            "desktop_type",
            "pool_id",
            "availability_zone",
        ] {
            assert!(first.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn filters() {
        let sim = start(|a| a.desktops = 300);
        let page = list(&sim, "?user_name=ALI");
        assert_eq!(ids(&page), [EXAMPLE]);
        let page = list(&sim, "?computer_name=OPS-PC-002");
        assert_eq!(ids(&page), [seeded(2)]);
        let page = list(&sim, "?user_name=bob&user_name=carol");
        assert_eq!(page["total_count"], 2);
        let page = list(&sim, "?user_name=bob%2Ccarol");
        assert_eq!(page["total_count"], 0, "a comma is part of one user name");
        let page = list(&sim, "?desktop_ip=192.168.1.15");
        assert_eq!(ids(&page), [seeded(5)]);
        let page = list(&sim, "?desktop_ip=192.168.1.1");
        assert_eq!(page["total_count"], 0);
        let page = list(&sim, "?status=SHUTOFF&computer_name=LAB-PC-006");
        assert_eq!(ids(&page), [seeded(6)]);
        let page = list(
            &sim,
            &format!("?desktop_id={EXAMPLE}&desktop_id={}", seeded(7)),
        );
        assert_eq!(ids(&page), [EXAMPLE.to_string(), seeded(7)]);
        let page = list(&sim, &format!("?desktop_id={EXAMPLE}%2C{}", seeded(7)));
        assert_eq!(page["total_count"], 0, "one ID with a comma in it");
        let page = list(&sim, "?computer_name=PC-00123");
        assert_eq!(
            page["desktops"][0]["user_name"],
            format!("user{:03}", 123 % 97)
        );
        assert_eq!(page["desktops"][0]["ip_address"], "10.0.0.123");
        // The signature covers an encoded query too.
        let page = list(&sim, "?computer_name=PC%2000123");
        assert_eq!(page["total_count"], 0);
    }

    #[test]
    fn paging_and_the_page_cap() {
        let sim = start(|a| {
            a.desktops = 10_000;
            a.page_size_cap = 100;
        });
        let page = list(&sim, "");
        assert_eq!(page["total_count"], 10_008);
        assert_eq!(page["desktops"].as_array().unwrap().len(), 100);
        let page = list(&sim, "?limit=10&offset=8");
        assert_eq!(ids(&page)[0], "00000000-0000-4000-8000-000000000001");
        assert_eq!(ids(&page).len(), 10);
        let page = list(&sim, "?limit=10&offset=10005");
        assert_eq!(ids(&page).len(), 3);
        let page = list(&sim, "?limit=0");
        assert_eq!(ids(&page).len(), 0);
        assert_eq!(page["total_count"], 10_008);
        for bad in ["?limit=1001", "?limit=-1", "?offset=x"] {
            let url = format!("{}/v2/{DEMO_PROJECT_ID}/desktops{bad}", sim.url());
            error(signed(Method::GET, &url), 400, "SIM.0400");
        }
    }
}

mod iam {
    use super::*;

    fn password_body(user: &str, password: &str, domain: &str, project: Value) -> Value {
        json!({"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": user, "password": password, "domain": {"name": domain}
            }}},
            "scope": {"project": project}
        }})
    }

    fn demo_body() -> Value {
        password_body(
            DEMO_USER,
            DEMO_PASSWORD,
            DEMO_DOMAIN,
            json!({"name": DEMO_REGION}),
        )
    }

    fn ask_token(sim: &Handle, body: &Value) -> Response {
        client()
            .post(format!("{}/v3/auth/tokens?nocatalog=true", sim.url()))
            .header("Content-Type", "application/json;charset=utf8")
            .body(body.to_string())
            .send()
            .unwrap()
    }

    fn new_token(sim: &Handle) -> String {
        let resp = ask_token(sim, &demo_body());
        assert_eq!(resp.status(), StatusCode::CREATED);
        resp.headers()["x-subject-token"]
            .to_str()
            .unwrap()
            .to_string()
    }

    fn get_with(sim: &Handle, token: &str) -> Response {
        client()
            .get(assistance_url(sim, EXAMPLE))
            .header("X-Auth-Token", token)
            .send()
            .unwrap()
    }

    fn iam_error(resp: Response, status: u16) -> Value {
        assert_eq!(resp.status().as_u16(), status);
        let body = body(resp);
        assert_eq!(body["error"]["code"], status, "{body}");
        assert!(body["error"]["message"].is_string(), "{body}");
        body
    }

    /// Signed as the SDK signs the project lookup (vector 7): Host and X-Sdk-Date only.
    fn projects(sim: &Handle, query: &str) -> Response {
        let url = format!("{}/v3/projects{query}", sim.url());
        let parsed = Url::parse(&url).unwrap();
        let host = format!("{}:{}", parsed.host_str().unwrap(), parsed.port().unwrap());
        let date = sdk_date_now();
        let headers = vec![
            ("X-Sdk-Date".to_string(), date.clone()),
            ("Host".to_string(), host),
        ];
        let req = Received {
            method: "GET",
            path: parsed.path(),
            query: parsed.query().unwrap_or(""),
            headers: &headers,
            body: b"",
        };
        let authorization = verify::authorization(DEMO_AK, DEMO_SK, &req, "host;x-sdk-date");
        assert!(authorization.contains("SignedHeaders=host;x-sdk-date,"));
        client()
            .get(&url)
            .header("X-Sdk-Date", date)
            .header("Authorization", authorization)
            .send()
            .unwrap()
    }

    #[test]
    fn a_password_gets_a_project_scoped_token() {
        let sim = start(|_| {});
        let before = jiff::Timestamp::now();
        let resp = ask_token(&sim, &demo_body());
        assert_eq!(resp.status(), StatusCode::CREATED);
        let token = resp.headers()["x-subject-token"].to_str().unwrap();
        assert!(token.len() > 100 && token.starts_with("MII"), "{token}");
        let body = body(resp);
        let t = &body["token"];
        let expires_at = t["expires_at"].as_str().unwrap();
        assert_eq!(expires_at.len(), "2020-01-04T09:05:22.701000Z".len());
        assert!(expires_at.ends_with("000Z"), "{expires_at}");
        let expires: jiff::Timestamp = expires_at.parse().unwrap();
        let ttl = expires.duration_since(before).as_secs_f64();
        assert!(
            (24.0 * 3600.0 - 5.0..24.0 * 3600.0 + 5.0).contains(&ttl),
            "{ttl}"
        );
        let issued: jiff::Timestamp = t["issued_at"].as_str().unwrap().parse().unwrap();
        assert!(issued < expires);
        assert_eq!(t["methods"], json!(["password"]));
        assert_eq!(t["project"]["id"], DEMO_PROJECT_ID);
        assert_eq!(t["project"]["name"], DEMO_REGION);
        assert_eq!(t["project"]["domain"]["name"], DEMO_DOMAIN);
        assert_eq!(t["user"]["name"], DEMO_USER);
        assert_eq!(t["user"]["domain"]["name"], DEMO_DOMAIN);
        assert_eq!(t["user"]["id"].as_str().unwrap().len(), 32);
        assert!(t.get("catalog").is_none(), "nocatalog=true");
    }

    #[test]
    fn without_nocatalog_the_catalog_is_there_and_scope_by_id_works() {
        let sim = start(|_| {});
        let body = password_body(
            DEMO_USER,
            DEMO_PASSWORD,
            DEMO_DOMAIN,
            json!({"id": DEMO_PROJECT_ID}),
        );
        let resp = client()
            .post(format!("{}/v3/auth/tokens", sim.url()))
            .json(&body)
            .send()
            .unwrap();
        assert_eq!(resp.status(), StatusCode::CREATED);
        let body = super::body(resp);
        assert_eq!(body["token"]["catalog"], json!([]));
        assert_eq!(body["token"]["project"]["id"], DEMO_PROJECT_ID);
    }

    #[test]
    fn an_issued_token_is_accepted_by_workspace() {
        let sim = start(|_| {});
        let token = new_token(&sim);
        assert_eq!(get_with(&sim, &token).status(), StatusCode::OK);
        let other = new_token(&sim);
        assert_ne!(token, other);
        assert_eq!(get_with(&sim, &other).status(), StatusCode::OK);
        assert_eq!(get_with(&sim, &token).status(), StatusCode::OK);
    }

    #[test]
    fn wrong_credentials_are_a_401_json_error() {
        let sim = start(|a| a.iam_users.push("second:pa:ss".parse().unwrap()));
        let region = json!({"name": DEMO_REGION});
        let cases = [
            (DEMO_USER, "wrong", DEMO_DOMAIN),
            ("nobody", DEMO_PASSWORD, DEMO_DOMAIN),
            (DEMO_USER, DEMO_PASSWORD, "other-account"),
            ("second", DEMO_PASSWORD, DEMO_DOMAIN),
        ];
        for (user, password, domain) in cases {
            let resp = ask_token(&sim, &password_body(user, password, domain, region.clone()));
            assert!(resp.headers().get("x-subject-token").is_none());
            let body = iam_error(resp, 401);
            assert_eq!(
                body,
                json!({"error": {
                    "code": 401,
                    "message": "The username or password is wrong.",
                    "title": "Unauthorized"
                }})
            );
        }
        let body = password_body("second", "pa:ss", DEMO_DOMAIN, region);
        assert_eq!(ask_token(&sim, &body).status(), StatusCode::CREATED);
    }

    #[test]
    fn an_unknown_project_is_a_401_and_a_bad_body_a_400() {
        let sim = start(|_| {});
        for project in [json!({"name": "eu-west-0"}), json!({"id": "0000"})] {
            let body = password_body(DEMO_USER, DEMO_PASSWORD, DEMO_DOMAIN, project);
            iam_error(ask_token(&sim, &body), 401);
        }
        let mut unscoped = demo_body();
        unscoped["auth"]["scope"] = json!({});
        let mut token_method = demo_body();
        token_method["auth"]["identity"]["methods"] = json!(["token"]);
        for bad in [json!("text"), json!({}), unscoped, token_method] {
            iam_error(ask_token(&sim, &bad), 400);
        }
        let resp = client()
            .post(format!("{}/v3/auth/tokens", sim.url()))
            .body(vec![0xFFu8, 0xFE, b'{'])
            .send()
            .unwrap();
        iam_error(resp, 400);
    }

    #[test]
    fn the_password_is_never_logged() {
        let sim = start(|_| {});
        let token = new_token(&sim);
        get_with(&sim, &token);
        let log = body(control(&sim, Method::GET, "requests", None));
        assert_eq!(log[0]["path"], "/v3/auth/tokens");
        assert_eq!(log[0]["query"], "nocatalog=true");
        assert_eq!(log[0]["status"], 201);
        let text = log.to_string();
        assert!(!text.contains(DEMO_PASSWORD), "{text}");
        assert!(!text.contains(&token), "{text}");
    }

    #[test]
    fn revoked_tokens_are_refused_and_the_fixed_token_is_not_affected() {
        let sim = start(|_| {});
        let token = new_token(&sim);
        let resp = control(&sim, Method::POST, "revoke-tokens", None);
        assert_eq!(resp.status(), StatusCode::NO_CONTENT);
        let body = error(get_with(&sim, &token), 401, "APIGW.0301");
        assert_eq!(
            body["error_msg"],
            "Incorrect IAM authentication information: decrypt token fail"
        );
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
        let fresh = new_token(&sim);
        assert_eq!(get_with(&sim, &fresh).status(), StatusCode::OK);
    }

    #[test]
    fn a_short_lived_token_expires() {
        // An hour of simulated time, moved on by the test, not 400 ms waited out for real.
        let ttl = Duration::from_secs(3600);
        let sim = start(|a| a.token_ttl = ttl);
        let before = jiff::Timestamp::now();
        let resp = ask_token(&sim, &demo_body());
        let token = resp.headers()["x-subject-token"]
            .to_str()
            .unwrap()
            .to_string();
        let body = body(resp);
        let expires: jiff::Timestamp = body["token"]["expires_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let lifetime = expires.duration_since(before).as_secs_f64();
        // expires_at is written to the second.
        assert!((3599.0..3602.0).contains(&lifetime), "{lifetime}");
        assert_eq!(get_with(&sim, &token).status(), StatusCode::OK);
        sim.advance(ttl - Duration::from_secs(60));
        assert_eq!(
            get_with(&sim, &token).status(),
            StatusCode::OK,
            "a minute left"
        );
        sim.advance(Duration::from_secs(60));
        error(get_with(&sim, &token), 401, "APIGW.0301");
    }

    #[test]
    fn the_project_lookup_is_signed_like_vector_7() {
        let sim = start(|_| {});
        let resp = projects(&sim, "?name=cn-north-4");
        assert_eq!(resp.status(), StatusCode::OK);
        let body = body(resp);
        let found = body["projects"].as_array().unwrap();
        assert_eq!(found.len(), 1, "{body}");
        assert_eq!(found[0]["id"], DEMO_PROJECT_ID);
        assert_eq!(found[0]["name"], DEMO_REGION);
        assert_eq!(found[0]["enabled"], true);
        assert_eq!(found[0]["domain_id"].as_str().unwrap().len(), 32);
        let resp = projects(&sim, "?name=eu-west-0");
        assert_eq!(body_of(resp), json!({"projects": []}));
    }

    fn body_of(resp: Response) -> Value {
        assert_eq!(resp.status(), StatusCode::OK);
        body(resp)
    }

    #[test]
    fn the_project_lookup_needs_credentials() {
        let sim = start(|_| {});
        let url = format!("{}/v3/projects?name=cn-north-4", sim.url());
        error(client().get(&url).send().unwrap(), 401, "APIGW.0301");
        let token = new_token(&sim);
        let resp = client()
            .get(&url)
            .header("X-Auth-Token", token)
            .send()
            .unwrap();
        assert_eq!(body_of(resp)["projects"][0]["id"], DEMO_PROJECT_ID);
    }

    #[test]
    fn duplicate_project_answers_two() {
        let sim = start(|a| a.duplicate_project = true);
        let body = body_of(projects(&sim, "?name=cn-north-4"));
        let found = body["projects"].as_array().unwrap();
        assert_eq!(found.len(), 2, "{body}");
        assert_eq!(found[0]["name"], found[1]["name"]);
        assert_ne!(found[0]["id"], found[1]["id"]);
    }

    #[test]
    fn another_region_and_project_are_served_when_configured() {
        let sim = start(|a| {
            a.region = "ap-southeast-1".into();
            a.iam_domain = "acme".into();
        });
        let body = body_of(projects(&sim, "?name=ap-southeast-1"));
        assert_eq!(body["projects"][0]["name"], "ap-southeast-1");
        let body = password_body(
            DEMO_USER,
            DEMO_PASSWORD,
            "acme",
            json!({"name": "ap-southeast-1"}),
        );
        assert_eq!(ask_token(&sim, &body).status(), StatusCode::CREATED);
    }

    #[test]
    fn stats_count_iam_requests_apart() {
        let sim = start(|_| {});
        let token = new_token(&sim);
        ask_token(&sim, &json!({}));
        projects(&sim, "?name=cn-north-4");
        get_with(&sim, &token);
        control(&sim, Method::POST, "revoke-tokens", None);
        let stats = body(control(&sim, Method::GET, "stats", None));
        assert_eq!(
            stats,
            json!({
                "requests": 1,
                "by_status": {"200": 1},
                "iam_token_requests": 2,
                "iam_project_requests": 1,
                "in_flight": 0,
                "faults": {},
                // IAM calls are outside the Workspace flow control.
                "quota": {"rate": null, "accepted": 1, "throttled": 0},
                "connections": {"opened": 6, "idle_closed": 0}
            })
        );
        let log = body(control(&sim, Method::GET, "requests", None));
        assert_eq!(log.as_array().unwrap().len(), 4, "{log}");
    }

    #[test]
    fn iam_users_parse_and_never_show_their_password() {
        let user: IamUser = "ops:se:cret".parse().unwrap();
        assert_eq!(user.name, "ops");
        assert_eq!(user.password.expose(), "se:cret");
        assert!(!format!("{user:?}").contains("se:cret"));
        for bad in ["ops", ":pw", "ops:"] {
            assert!(bad.parse::<IamUser>().is_err(), "{bad}");
        }
        assert!(!format!("{:?}", SimArgs::demo()).contains(DEMO_PASSWORD));
    }

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        sim: SimArgs,
    }

    #[test]
    fn the_flags_default_to_the_demo_account() {
        use clap::Parser;
        let parsed = Cli::try_parse_from(["sim"]).unwrap().sim;
        let demo = SimArgs::demo();
        assert_eq!(parsed.iam_users, demo.iam_users);
        assert_eq!(parsed.iam_domain, demo.iam_domain);
        assert_eq!(parsed.region, demo.region);
        assert_eq!(parsed.token_ttl, demo.token_ttl);
        assert!(!parsed.duplicate_project);
        let parsed = Cli::try_parse_from([
            "sim",
            "--iam-user",
            "a:1",
            "--iam-user",
            "b:2",
            "--iam-domain",
            "acme",
            "--region",
            "eu-west-0",
            "--token-ttl",
            "2s",
            "--duplicate-project",
        ])
        .unwrap()
        .sim;
        assert_eq!(parsed.iam_users.len(), 2);
        assert_eq!(parsed.iam_users[1].name, "b");
        assert_eq!(parsed.token_ttl, Duration::from_secs(2));
        assert!(parsed.duplicate_project);
        assert!(Cli::try_parse_from(["sim", "--iam-user", "nopassword"]).is_err());
    }

    #[test]
    fn the_banner_gives_the_password_account() {
        let addr: SocketAddr = "127.0.0.1:8443".parse().unwrap();
        let text = banner(&SimArgs::demo(), url(false, addr));
        let line = "# password auth: user = \"demo-user\", domain = \"demo-account\", \
                    region = \"cn-north-4\" (password: Demo-Passw0rd!)";
        assert!(text.lines().any(|l| l == line), "{text}");
    }
}

mod tls {
    use super::*;

    /// A self-signed certificate for 127.0.0.1 and localhost, written as PEM files.
    pub(super) fn certificate(
        dir: &std::path::Path,
    ) -> (std::path::PathBuf, std::path::PathBuf, String) {
        let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
            .unwrap();
        let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
        std::fs::write(&cert, made.cert.pem()).unwrap();
        std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
        (cert, key, made.cert.pem())
    }

    fn tls_sim(dir: &std::path::Path) -> (Handle, String) {
        let (cert, key, pem) = certificate(dir);
        let sim = start(|a| {
            a.tls_cert = Some(cert);
            a.tls_key = Some(key);
        });
        (sim, pem)
    }

    #[test]
    fn serves_https_and_survives_failed_handshakes() {
        let dir = tempfile::tempdir().unwrap();
        let (sim, pem) = tls_sim(dir.path());
        assert!(sim.url().starts_with("https://127.0.0.1:"), "{}", sim.url());
        let url = assistance_url(&sim, EXAMPLE);

        // A client that does not trust the certificate fails the handshake...
        let untrusting = client().get(&url).header("X-Auth-Token", DEMO_TOKEN).send();
        assert!(untrusting.is_err(), "{untrusting:?}");
        // ...and so does one speaking plain HTTP to the TLS port.
        let plain = client()
            .get(format!("http://{}/_sim/stats", sim.addr()))
            .send()
            .and_then(|r| r.text());
        assert!(plain.is_err(), "{plain:?}");

        // The server still answers one that trusts it.
        let trusting = Client::builder()
            .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let resp = trusting
            .get(&url)
            .header("X-Auth-Token", DEMO_TOKEN)
            .send()
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(body(resp)["invitation_code"], "D1F32AA6");
    }

    #[test]
    fn unreadable_or_mismatched_pem_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key, _) = certificate(dir.path());
        let missing = dir.path().join("missing.pem");
        let err = spawn(&SimArgs {
            tls_cert: Some(missing.clone()),
            tls_key: Some(key.clone()),
            ..SimArgs::demo()
        })
        .err()
        .unwrap();
        assert!(format!("{err:#}").contains("missing.pem"), "{err:#}");

        // A certificate file given as the key: no private key in it.
        let err = spawn(&SimArgs {
            tls_cert: Some(cert.clone()),
            tls_key: Some(cert.clone()),
            ..SimArgs::demo()
        })
        .err()
        .unwrap();
        assert!(format!("{err:#}").contains("cert.pem"), "{err:#}");

        // Another certificate's key.
        let other = tempfile::tempdir().unwrap();
        let (_, other_key, _) = certificate(other.path());
        let err = spawn(&SimArgs {
            tls_cert: Some(cert),
            tls_key: Some(other_key),
            ..SimArgs::demo()
        })
        .err()
        .unwrap();
        assert!(format!("{err:#}").contains("does not fit"), "{err:#}");
    }

    #[test]
    fn the_banner_url_is_https() {
        let addr: SocketAddr = "127.0.0.1:8443".parse().unwrap();
        let text = banner(&SimArgs::demo(), url(true, addr));
        assert!(
            text.starts_with("# assist simulator listening on https://127.0.0.1:8443 "),
            "{text}"
        );
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            sim: SimArgs,
        }
        use clap::Parser;
        assert!(Cli::try_parse_from(["sim", "--tls-cert", "c.pem"]).is_err());
        let both = Cli::try_parse_from(["sim", "--tls-cert", "c.pem", "--tls-key", "k.pem"]);
        assert!(both.is_ok_and(|c| c.sim.tls_key.is_some()));
    }
}

mod mixed_faults {
    use super::*;

    #[test]
    fn mixed_picks_many_kinds_never_redirect_and_counts_them() {
        let sim = start(|a| {
            a.fault = Some(FaultKind::Mixed);
            a.fault_rate = 1.0;
        });
        let c = Client::builder()
            .timeout(Duration::from_millis(300))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        for _ in 0..150 {
            let _ = c
                .get(assistance_url(&sim, EXAMPLE))
                .header("X-Auth-Token", DEMO_TOKEN)
                .send()
                .and_then(|r| r.bytes());
        }
        let stats = body(control(&sim, Method::GET, "stats", None));
        let faults = stats["faults"].as_object().unwrap();
        assert!(!faults.contains_key("redirect"), "{stats}");
        assert!(!faults.contains_key("mixed"), "{stats}");
        assert!(faults.len() >= 10, "{stats}");
        assert_eq!(
            faults.values().map(|v| v.as_u64().unwrap()).sum::<u64>(),
            150
        );
    }

    #[test]
    fn a_runtime_rule_can_have_a_rate() {
        let sim = start(|_| {});
        add_fault(&sim, json!({"kind": "500", "rate": 0.5}));
        let failed = (0..200)
            .filter(|_| get(&sim, EXAMPLE).status() == StatusCode::INTERNAL_SERVER_ERROR)
            .count();
        assert!((50..150).contains(&failed), "{failed} of 200");
        let resp = control(
            &sim,
            Method::POST,
            "faults",
            Some(json!({"kind": "500", "rate": 2})),
        );
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn trickle_ends_within_a_few_seconds() {
        let sim = start(|_| {});
        add_fault(&sim, json!({"kind": "trickle", "count": 1}));
        let began = Instant::now();
        let text = get(&sim, EXAMPLE).text().unwrap();
        let took = began.elapsed();
        // Slowly: its bytes came one a second. It ended: the whole body came within the
        // client's 10 s limit (no upper bound of our own, which a busy machine could miss).
        assert!(took >= Duration::from_secs(3), "{took:?}");
        assert_eq!(
            serde_json::from_str::<Value>(&text).unwrap()["invitation_code"],
            "D1F32AA6"
        );
    }
}

mod strict_like_the_cloud {
    //! Where the simulator is as strict as the cloud may be (docs/WORKSPACE-API.md §7, §8).
    use super::*;

    /// A GET signed by `ak`/`sk`, with `token` in X-Security-Token (signed too) when given.
    fn signed_as(sim: &Handle, ak: &str, sk: &str, token: Option<&str>) -> Response {
        let url = assistance_url(sim, EXAMPLE);
        let parsed = Url::parse(&url).unwrap();
        let mut headers = vec![
            ("Content-Type".to_string(), "application/json".to_string()),
            ("X-Project-Id".to_string(), DEMO_PROJECT_ID.to_string()),
        ];
        let mut signed = "content-type;host;x-project-id;x-sdk-date".to_string();
        if let Some(t) = token {
            headers.push(("X-Security-Token".to_string(), t.to_string()));
            signed.push_str(";x-security-token");
        }
        headers.push(("X-Sdk-Date".to_string(), sdk_date_now()));
        headers.push((
            "Host".to_string(),
            format!("127.0.0.1:{}", parsed.port().unwrap()),
        ));
        let req = Received {
            method: "GET",
            path: parsed.path(),
            query: "",
            headers: &headers,
            body: b"",
        };
        let authorization = verify::authorization(ak, sk, &req, &signed);
        let mut builder = client().get(&url);
        for (name, value) in headers.iter().filter(|(n, _)| n != "Host") {
            builder = builder.header(name, value);
        }
        builder
            .header("Authorization", authorization)
            .send()
            .unwrap()
    }

    #[test]
    fn temporary_credentials_verify_only_with_their_security_token() {
        let sim = start(|_| {});
        let ok = signed_as(&sim, DEMO_TEMP_AK, DEMO_TEMP_SK, Some(DEMO_SECURITY_TOKEN));
        assert_eq!(ok.status(), StatusCode::OK);
        let wrong = signed_as(&sim, DEMO_TEMP_AK, DEMO_TEMP_SK, Some("another-token"));
        let body = error(wrong, 401, "APIGW.0301");
        assert_eq!(
            body["error_msg"],
            "Incorrect IAM authentication information: invalid or missing security token"
        );
        error(
            signed_as(&sim, DEMO_TEMP_AK, DEMO_TEMP_SK, None),
            401,
            "APIGW.0301",
        );
        // A permanent AK with somebody's security token is not a temporary credential.
        error(
            signed_as(&sim, DEMO_AK, DEMO_SK, Some(DEMO_SECURITY_TOKEN)),
            401,
            "APIGW.0301",
        );
        assert_eq!(
            signed_as(&sim, DEMO_AK, DEMO_SK, None).status(),
            StatusCode::OK
        );
    }

    #[test]
    fn a_bodiless_post_or_delete_without_content_length_is_411() {
        let sim = start(|_| {});
        for method in [Method::POST, Method::DELETE] {
            let resp = client()
                .request(method.clone(), assistance_url(&sim, EXAMPLE))
                .header("X-Auth-Token", DEMO_TOKEN)
                .send()
                .unwrap();
            let body = error(resp, 411, "APIGW.0201");
            assert!(body["error_msg"]
                .as_str()
                .unwrap()
                .contains("Content-Length"));
        }
        let resp = with_token(Method::POST, &assistance_url(&sim, seeded(1).as_str()));
        assert_eq!(resp.status(), StatusCode::OK, "with Content-Length: 0");
    }

    #[test]
    fn no_record_and_no_desktop_answer_the_same_404_and_show_desktop_detail_tells_them_apart() {
        let sim = start(|_| {});
        let no_record = error(get(&sim, &seeded(6)), 404, "SIM.0404");
        let no_desktop = error(get(&sim, "nope"), 404, "SIM.0404");
        let shape = |b: &Value| {
            b["error_msg"]
                .as_str()
                .unwrap()
                .replace(&seeded(6), "X")
                .replace("nope", "X")
        };
        assert_eq!(shape(&no_record), shape(&no_desktop));
        let detail = |id: &str| {
            with_token(
                Method::GET,
                &format!("{}/v2/{DEMO_PROJECT_ID}/desktops/{id}", sim.url()),
            )
        };
        let found = body(detail(&seeded(6)));
        assert_eq!(found["desktop"]["desktop_id"], seeded(6));
        assert_eq!(found["desktop"]["computer_name"], "LAB-PC-006");
        assert_eq!(detail("nope").status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn computer_name_matches_exactly_by_default_and_by_part_under_fuzzy() {
        let list = |sim: &Handle, query: &str| -> Value {
            body(signed(
                Method::GET,
                &format!("{}/v2/{DEMO_PROJECT_ID}/desktops{query}", sim.url()),
            ))
        };
        let exact = start(|_| {});
        assert_eq!(list(&exact, "?computer_name=fin-pc")["total_count"], 0);
        assert_eq!(list(&exact, "?computer_name=fin-pc-042")["total_count"], 0);
        assert_eq!(list(&exact, "?computer_name=FIN-PC-042")["total_count"], 1);
        let fuzzy = start(|a| a.name_match = NameMatch::Fuzzy);
        let page = list(&fuzzy, "?computer_name=fin-pc");
        assert_eq!(page["desktops"][0]["desktop_id"], EXAMPLE);
        assert_eq!(list(&fuzzy, "?computer_name=ops-pc")["total_count"], 2);
    }
}

mod undocumented_answers {
    use super::*;

    fn post(sim: &Handle, desktop: &str) -> Response {
        with_token(Method::POST, &assistance_url(sim, desktop))
    }

    #[test]
    fn no_record_is_answered_each_way_and_a_missing_desktop_stays_404() {
        let sim = start(|_| {});
        // By default, exactly the answer of a desktop that does not exist.
        let no_record = body(get(&sim, &seeded(6)));
        let no_desktop = body(get(&sim, "no-such-desktop"));
        assert_eq!(no_record["error_code"], "SIM.0404");
        assert_eq!(no_record["error_code"], no_desktop["error_code"]);
        let sim = start(|a| a.no_record_as = NoRecordAs::Empty);
        let resp = get(&sim, &seeded(6));
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(body(resp), json!({}));
        error(get(&sim, "no-such-desktop"), 404, "SIM.0404");
        let sim = start(|a| a.no_record_as = NoRecordAs::Nulls);
        let resp = get(&sim, &seeded(6));
        assert_eq!(resp.status(), StatusCode::OK);
        let v = body(resp);
        assert_eq!(v.as_object().unwrap().len(), 9, "{v}");
        assert!(v.as_object().unwrap().values().all(Value::is_null), "{v}");
        error(get(&sim, "no-such-desktop"), 404, "SIM.0404");
    }

    #[test]
    fn a_post_on_an_active_session_is_the_record_or_a_conflict() {
        let sim = start(|_| {});
        let resp = post(&sim, &seeded(1));
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(body(resp)["status"], "OPEN", "the session that is there");
        let sim = start(|a| a.post_on_active = PostOnActive::Conflict);
        error(post(&sim, &seeded(1)), 409, "SIM.0409");
        error(post(&sim, &seeded(2)), 409, "SIM.0409");
        let resp = post(&sim, &seeded(4));
        assert_eq!(resp.status(), StatusCode::OK, "a closed one starts anew");
        error(post(&sim, &seeded(4)), 409, "SIM.0409");
    }

    #[test]
    fn lists_are_repeated_keys_and_the_comma_reading_is_a_variant() {
        let url = |sim: &Handle, query: &str| {
            format!("{}/v2/{DEMO_PROJECT_ID}/desktops?{query}", sim.url())
        };
        let joined = format!("desktop_id={EXAMPLE},{},nope", seeded(7));
        let sim = start(|_| {});
        let page = body(signed(Method::GET, &url(&sim, &joined)));
        assert_eq!(page["total_count"], 0, "one ID that has commas: {page}");
        let comma = start(|a| a.list_style = ListStyle::Comma);
        let page = body(signed(Method::GET, &url(&comma, &joined)));
        assert_eq!(page["total_count"], 2, "{page}");
        let page = body(signed(Method::GET, &url(&comma, "user_name=bob%2Ccarol")));
        assert_eq!(page["total_count"], 2, "{page}");
        let many: Vec<String> = (0..101).map(|i| format!("desktop_id=d{i}")).collect();
        error(
            signed(Method::GET, &url(&sim, &many.join("&"))),
            400,
            "SIM.0400",
        );
        let many: Vec<String> = (0..101).map(|i| format!("d{i}")).collect();
        let query = format!("desktop_id={}", many.join(","));
        error(signed(Method::GET, &url(&comma, &query)), 400, "SIM.0400");
    }

    #[test]
    fn lively_seeds_move_on_and_a_saved_state_is_taken_up_again() {
        let sim = start(|a| {
            a.lively = true;
            a.confirm_after = Duration::from_secs(60);
        });
        assert_eq!(body(get(&sim, &seeded(2)))["status"], "WAIT_USER_CONFIRM");
        sim.advance(Duration::from_secs(61));
        assert_eq!(body(get(&sim, &seeded(2)))["status"], "WAIT_USER_ACCESS");
        sim.advance(Duration::from_secs(3));
        let open = body(get(&sim, &seeded(2)));
        assert_eq!(open["status"], "OPEN", "{open}");
        let started = body(post(&sim, &seeded(4)));
        let saved = sim.saved_state();
        drop(sim);

        let mut args = SimArgs::demo();
        args.lively = true;
        let again = spawn_saved(&args, Some(&saved)).unwrap();
        // The clock of the first simulator was advanced; the session began "earlier" for it.
        let carol = body(get(&again, &seeded(2)));
        assert_eq!(carol["share_space_id"], open["share_space_id"], "{carol}");
        let erin = body(get(&again, &seeded(4)));
        assert_eq!(erin["share_space_id"], started["share_space_id"], "{erin}");
        assert!(spawn_saved(&args, Some("not json")).is_err());
    }

    #[test]
    fn desktops_join_and_leave_at_run_time() {
        let sim = start(|a| a.desktops = 3);
        let resp = control(&sim, Method::POST, "desktops?count=5", None);
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(get(&sim, &generated(5)).status(), StatusCode::NOT_FOUND);
        let resp = signed(
            Method::GET,
            &format!("{}/v2/{DEMO_PROJECT_ID}/desktops", sim.url()),
        );
        assert_eq!(body(resp)["total_count"], 8 + 5);
        control(&sim, Method::POST, "desktops?count=1", None);
        error(get(&sim, &generated(2)), 404, "SIM.0404");
    }

    fn generated(i: u32) -> String {
        format!("00000000-0000-4000-8000-{i:012}")
    }
}

mod flow_control {
    use super::*;

    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        sim: SimArgs,
    }

    fn parse(flags: &[&str]) -> Result<SimArgs, String> {
        use clap::Parser;
        let line = ["sim"].iter().chain(flags);
        Cli::try_parse_from(line)
            .map(|c| c.sim)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_flags_parse_and_bad_values_are_named() {
        let args = parse(&[]).unwrap();
        assert_eq!(args.rate_limit, None);
        assert_eq!(args.rate_limit_scope, RateLimitScope::All);
        assert_eq!(args.retry_after, RetryAfter(None));
        assert_eq!(args.idle_timeout, None);
        let args = parse(&[
            "--rate-limit",
            "120/min",
            "--rate-burst",
            "7",
            "--rate-limit-scope",
            "credential",
            "--retry-after",
            "3",
            "--idle-timeout",
            "200ms",
            "--idle-close",
            "reset",
        ])
        .unwrap();
        assert_eq!(
            args.rate_limit.map(|r| r.to_string()),
            Some("120/min".into())
        );
        assert_eq!(args.rate_burst, Some(7));
        assert_eq!(args.rate_limit_scope, RateLimitScope::Credential);
        assert_eq!(args.retry_after, RetryAfter(Some(3)));
        assert_eq!(args.idle_timeout, Some(Duration::from_millis(200)));
        assert_eq!(args.idle_close, IdleClose::Reset);

        let err = parse(&["--rate-limit", "200/h"]).unwrap_err();
        assert!(
            err.contains("--rate-limit <RATE>") && err.contains("write it like 200/s or 120/min"),
            "{err}"
        );
        assert!(parse(&["--rate-limit", "0/s"])
            .unwrap_err()
            .contains("at least 1"));
        // A burst means nothing without a rate, and holds at least one call.
        let err = parse(&["--rate-burst", "5"]).unwrap_err();
        assert!(err.contains("--rate-limit <RATE>"), "{err}");
        assert!(parse(&["--rate-limit", "5/s", "--rate-burst", "0"]).is_err());
        assert!(parse(&["--rate-limit-scope", "ip"]).is_err());
        let err = parse(&["--retry-after", "soon"]).unwrap_err();
        assert!(err.contains("neither none nor a number"), "{err}");
        let err = parse(&["--idle-timeout", "0s"]).unwrap_err();
        assert!(err.contains("longer than zero"), "{err}");
        assert!(parse(&["--idle-timeout", "5"]).is_err());
        let err = parse(&["--idle-close", "reset"]).unwrap_err();
        assert!(err.contains("--idle-timeout <DURATION>"), "{err}");
    }

    /// The throttled answer: 429, the gateway's body naming the limit, an X-Request-Id.
    fn throttled(resp: Response, limit: &str) {
        let body = error(resp, 429, "APIGW.0308");
        assert_eq!(
            body["error_msg"],
            format!(
                "The throttling threshold has been reached: policy user over ratelimit,{limit}"
            )
        );
    }

    #[test]
    fn past_the_budget_a_call_is_throttled_without_retry_after_and_counted() {
        // One call a minute refills too slowly to matter within the test.
        let sim = start(|a| {
            a.rate_limit = Some("1/min".parse().unwrap());
            a.rate_burst = Some(2);
        });
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
        assert_eq!(get(&sim, EXAMPLE).status(), StatusCode::OK);
        let resp = get(&sim, EXAMPLE);
        assert!(resp.headers().get("retry-after").is_none());
        throttled(resp, "limit:1,time:1 minute");
        // A refused signature spends nothing and is refused as such; IAM is not counted.
        let bad = signed_with(
            Method::GET,
            &assistance_url(&sim, EXAMPLE),
            "wrong",
            &sdk_date_now(),
            b"",
        );
        assert_eq!(bad.send().unwrap().status(), StatusCode::UNAUTHORIZED);
        let stats = body(control(&sim, Method::GET, "stats", None));
        assert_eq!(
            stats["quota"],
            json!({"rate": "1/min", "accepted": 2, "throttled": 1})
        );
        assert_eq!(stats["by_status"], json!({"200": 2, "401": 1, "429": 1}));
        let log = body(control(&sim, Method::GET, "requests", None));
        let statuses: Vec<&Value> = log
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["status"])
            .collect();
        assert_eq!(statuses, [200, 200, 429, 401]);
    }

    #[test]
    fn retry_after_is_sent_when_asked_and_a_throttled_post_changes_nothing() {
        let sim = start(|a| {
            a.rate_limit = Some("1/min".parse().unwrap());
            a.rate_limit_scope = RateLimitScope::Credential;
            a.retry_after = RetryAfter(Some(7));
        });
        let desktop = assistance_url(&sim, &seeded(4));
        // The token's one call goes to a look; its POST is throttled.
        assert_eq!(with_token(Method::GET, &desktop).status(), StatusCode::OK);
        let resp = with_token(Method::POST, &desktop);
        assert_eq!(resp.headers()["retry-after"], "7");
        throttled(resp, "limit:1,time:1 minute");
        // The AK has its own bucket: it sees the record as it was, CLOSE.
        let record = body(signed(Method::GET, &desktop));
        assert_eq!(record["status"], "CLOSE", "{record}");
        let stats = body(control(&sim, Method::GET, "stats", None));
        assert_eq!(
            stats["quota"],
            json!({"rate": "1/min", "accepted": 2, "throttled": 1})
        );
    }

    /// A raw HTTP/1.1 connection, to see exactly when the server closes it.
    fn raw(sim: &Handle) -> std::net::TcpStream {
        let stream = std::net::TcpStream::connect(sim.addr()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream
    }

    /// Sends a keep-alive GET and reads its whole answer (the head, then Content-Length bytes).
    fn exchange(stream: &mut std::net::TcpStream, path: &str) -> String {
        use std::io::{Read, Write};
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: {DEMO_TOKEN}\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut got = Vec::new();
        let mut byte = [0u8; 1];
        while !got.ends_with(b"\r\n\r\n") {
            assert_eq!(stream.read(&mut byte).unwrap(), 1, "the head ended early");
            got.push(byte[0]);
        }
        let head = String::from_utf8(got).unwrap();
        let length: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length: ")
                    .map(str::to_string)
            })
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).unwrap();
        head
    }

    /// Blocks until the server closes the connection (a read of zero bytes).
    fn closed_by_server(stream: &mut std::net::TcpStream) -> bool {
        use std::io::Read;
        let mut byte = [0u8; 1];
        matches!(stream.read(&mut byte), Ok(0))
    }

    #[test]
    fn an_idle_keep_alive_connection_is_closed_but_a_slow_answer_is_not_cut() {
        // Half a second of idleness, not 100 ms: the test's next request on the kept
        // connection must come within it, a window a busy machine could miss at 100 ms.
        let sim = start(|a| a.idle_timeout = Some(Duration::from_millis(500)));
        // The answer takes three idle timeouts: it is still delivered whole.
        add_fault(
            &sim,
            json!({"kind": "latency", "latency": "1500ms", "count": 1}),
        );
        let path = format!("/v2/{DEMO_PROJECT_ID}/desktops/{EXAMPLE}/remote-assistance");
        let mut kept = raw(&sim);
        assert!(exchange(&mut kept, &path).starts_with("HTTP/1.1 200"));
        // The same connection serves another request, then goes quiet and is closed.
        assert!(exchange(&mut kept, &path).starts_with("HTTP/1.1 200"));
        assert!(closed_by_server(&mut kept));
        // A connection that never sends a request is closed too.
        let mut silent = raw(&sim);
        assert!(closed_by_server(&mut silent));
        let stats = body(control(&sim, Method::GET, "stats", None));
        // The fault's rule and the stats each came on a connection of their own.
        assert_eq!(stats["connections"], json!({"opened": 4, "idle_closed": 2}));
    }

    #[test]
    fn a_silently_dropped_connection_resets_the_next_request_unanswered() {
        use std::io::{Read, Write};
        let sim = start(|a| {
            a.idle_timeout = Some(Duration::from_millis(100));
            a.idle_close = IdleClose::Reset;
        });
        let path = format!("/v2/{DEMO_PROJECT_ID}/desktops/{EXAMPLE}/remote-assistance");
        let mut stale = raw(&sim);
        assert!(exchange(&mut stale, &path).starts_with("HTTP/1.1 200"));
        let end = Instant::now() + Duration::from_secs(20);
        while body(control(&sim, Method::GET, "stats", None))["connections"]["idle_closed"] == 0 {
            assert!(Instant::now() < end, "the connection was never dropped");
        }
        // Nothing said it: the request goes out, and a reset comes back instead of an answer.
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: {DEMO_TOKEN}\r\n\r\n");
        stale.write_all(request.as_bytes()).unwrap();
        let err = stale.read(&mut [0u8; 1]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::ConnectionReset, "{err}");
        let log = body(control(&sim, Method::GET, "requests", None));
        assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    }

    #[test]
    fn without_an_idle_timeout_connections_stay_open() {
        let sim = start(|_| {});
        let path = format!("/v2/{DEMO_PROJECT_ID}/desktops/{EXAMPLE}/remote-assistance");
        let mut kept = raw(&sim);
        kept.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        assert!(exchange(&mut kept, &path).starts_with("HTTP/1.1 200"));
        use std::io::Read;
        let err = kept.read(&mut [0u8; 1]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::WouldBlock, "{err}");
        assert!(exchange(&mut kept, &path).starts_with("HTTP/1.1 200"));
    }

    #[test]
    fn idle_https_connections_are_closed_and_the_client_reconnects() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key, pem) = super::tls::certificate(dir.path());
        let sim = start(|a| {
            a.tls_cert = Some(cert);
            a.tls_key = Some(key);
            a.idle_timeout = Some(Duration::from_millis(100));
        });
        let trusting = || {
            Client::builder()
                .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
                .build()
                .unwrap()
        };
        let kept = trusting();
        let url = assistance_url(&sim, EXAMPLE);
        let ask = || {
            kept.get(&url)
                .header("X-Auth-Token", DEMO_TOKEN)
                .send()
                .unwrap()
        };
        assert_eq!(ask().status(), StatusCode::OK);
        let stats = || -> Value {
            let resp = trusting().get(format!("{}/_sim/stats", sim.url())).send();
            serde_json::from_str(&resp.unwrap().text().unwrap()).unwrap()
        };
        let end = Instant::now() + Duration::from_secs(20);
        while stats()["connections"]["idle_closed"] == 0 {
            assert!(Instant::now() < end, "no idle connection was closed");
        }
        assert_eq!(ask().status(), StatusCode::OK);
    }
}

/// The calls around a session (docs/WORKSPACE-API.md §9): the tenant's settings, a
/// desktop's state, messages, and the consent timeout of a user who never answers.
mod consent {
    use super::*;

    fn settings_url(sim: &Handle) -> String {
        format!(
            "{}/v2/{DEMO_PROJECT_ID}/share-space/configuration",
            sim.url()
        )
    }

    fn with_body(method: Method, url: &str, body: &Value) -> Response {
        let bytes = body.to_string().into_bytes();
        signed_with(method, url, DEMO_SK, &sdk_date_now(), &bytes)
            .send()
            .unwrap()
    }

    fn config_of(resp: Response) -> Value {
        let outer = body(resp);
        assert_eq!(outer["config_name"], "share-space-user-conf", "{outer}");
        serde_json::from_str(outer["config_value"].as_str().unwrap()).unwrap()
    }

    #[test]
    fn the_settings_are_a_json_string_written_back_whole_and_checked() {
        let sim = start(|_| {});
        let url = format!("{}?name=share-space-user-conf", settings_url(&sim));
        let mut config = config_of(signed(Method::GET, &url));
        assert_eq!(config["wait_confirm_time"], 60);
        config["wait_confirm_time"] = json!(30);
        config["future_key"] = json!("kept");
        let put =
            json!({"config_name": "share-space-user-conf", "config_value": config.to_string()});
        let resp = with_body(Method::PUT, &settings_url(&sim), &put);
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(config_of(signed(Method::GET, &url)), config);
        for bad in [json!(29), json!(181), json!("60")] {
            let mut wrong = config.clone();
            wrong["wait_confirm_time"] = bad;
            let put =
                json!({"config_name": "share-space-user-conf", "config_value": wrong.to_string()});
            let resp = with_body(Method::PUT, &settings_url(&sim), &put);
            error(resp, 400, errors::SIM_BAD_PARAMETER);
        }
        let put = json!({"config_name": "share-space-user-conf", "config_value": "{oops"});
        error(
            with_body(Method::PUT, &settings_url(&sim), &put),
            400,
            errors::SIM_BAD_PARAMETER,
        );
        assert_eq!(config_of(signed(Method::GET, &url)), config, "unchanged");
    }

    #[test]
    fn a_refused_settings_api_answers_403_or_the_gateways_404() {
        for (how, status, code) in [
            (SettingsApi::Forbidden, 403, "APIGW.0302"),
            (SettingsApi::Absent, 404, "APIGW.0101"),
        ] {
            let sim = start(|a| a.settings_api = how);
            error(signed(Method::GET, &settings_url(&sim)), status, code);
        }
    }

    #[test]
    fn a_user_who_never_answers_lets_the_request_close_after_the_tenants_time() {
        let id = seeded(2);
        let sim = start(|a| a.silent = vec![id.clone()]);
        // Its seeded session is waiting already: close it, then ask anew.
        let resp = with_token(Method::DELETE, &assistance_url(&sim, &id));
        assert_eq!(resp.status(), StatusCode::NO_CONTENT);
        let resp = with_token(Method::POST, &assistance_url(&sim, &id));
        assert_eq!(resp.status(), StatusCode::OK);
        sim.advance(Duration::from_secs(59));
        assert_eq!(body(get(&sim, &id))["status"], "WAIT_USER_CONFIRM");
        sim.advance(Duration::from_secs(2));
        let closed = body(get(&sim, &id));
        assert_eq!(closed["status"], "CLOSE", "{closed}");
        assert_eq!(closed["failed_reason"], tenant::CONSENT_TIMED_OUT);
    }

    #[test]
    fn the_detail_shows_login_states_and_messages_reach_the_control_api() {
        let sim = start(|a| a.lively = true);
        let erin = seeded(4);
        let url = format!("{}/v2/{DEMO_PROJECT_ID}/desktops/{erin}", sim.url());
        let desktop = body(signed(Method::GET, &url))["desktop"].clone();
        assert_eq!(desktop["login_status"], "DISCONNECTED", "{desktop}");
        assert_eq!(desktop["in_maintenance_mode"], false);
        let notify = format!("{}/v2/{DEMO_PROJECT_ID}/desktops/notifications", sim.url());
        let sent = json!({"desktop_ids": [erin], "notifications": "IT will call"});
        let job = body(with_body(Method::POST, &notify, &sent));
        assert!(job["job_id"].is_string(), "{job}");
        let got = body(control(&sim, Method::GET, "notifications", None));
        assert_eq!(got[0]["text"], "IT will call");
        assert_eq!(got[0]["acknowledged"], true, "the demo's cast reads it");
        let desktop = body(signed(Method::GET, &url))["desktop"].clone();
        assert_eq!(desktop["login_status"], "CONNECTED", "and comes back");
        for bad in [
            json!({"desktop_ids": [erin], "notifications": " "}),
            json!({"desktop_ids": [], "notifications": "hi"}),
            json!({"desktop_ids": ["nope"], "notifications": "hi"}),
        ] {
            error(
                with_body(Method::POST, &notify, &bad),
                400,
                errors::SIM_BAD_PARAMETER,
            );
        }
    }
}
