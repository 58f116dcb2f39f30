//! The Workspace operations: GET/POST/DELETE remote-assistance and ListDesktops, each behind
//! the gateway's authentication and the fault injector.

use super::errors::{self, RequestId};
use super::faults::{self, FaultKind};
use super::gate;
use super::server::Sim;
use super::store::Missing;
use super::{ListStyle, NameMatch, NoRecordAs, PostOnActive};
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::Response;
use std::sync::Arc;

/// Requests to these APIs have no body; anything bigger than this is refused like a gateway.
const BODY_LIMIT: usize = 1024 * 1024;
/// ListDesktops: at most this many `desktop_id` values.
const MAX_DESKTOP_IDS: usize = 100;

pub async fn show(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    assistance(sim, req, Op::Show).await
}

pub async fn start(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    assistance(sim, req, Op::Start).await
}

pub async fn cancel(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    assistance(sim, req, Op::Cancel).await
}

pub async fn list_desktops(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let parts = match admit(&sim, req, None).await {
        Ok(admitted) => admitted,
        Err(resp) => return resp,
    };
    let path = PathIds::parse(parts.uri.path());
    if path.project != sim.project_id {
        return project_not_found(&path.project);
    }
    let mut query = super::verify::query_pairs(parts.uri.query().unwrap_or(""));
    if parts.extensions.get::<Unfiltered>().is_some() {
        // `ignore-filters`: the page is kept, every filter dropped.
        query.retain(|(key, _)| key == "offset" || key == "limit");
    }
    match DesktopQuery::parse(&query, &sim) {
        Ok(q) => errors::json(StatusCode::OK, &q.run(&sim)),
        Err(msg) => errors::workspace(StatusCode::BAD_REQUEST, errors::SIM_BAD_PARAMETER, msg),
    }
}

/// ShowDesktopDetail (`GET /v2/{project_id}/desktops/{desktop_id}`): the documented way to
/// tell a desktop that does not exist (404) from one without an assistance record.
pub async fn desktop_detail(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let path = PathIds::parse(req.uri().path());
    if let Err(resp) = admit(&sim, req, Some(&path.desktop)).await {
        return resp;
    }
    if path.project != sim.project_id {
        return project_not_found(&path.project);
    }
    match sim.store.catalogue().find(&path.desktop) {
        Some(desktop) => {
            let detail = super::consent::detail(&sim, &desktop);
            errors::json(StatusCode::OK, &serde_json::json!({ "desktop": detail }))
        }
        None => not_found(&path.desktop),
    }
}

pub use super::consent::{
    change_state, notify, received, replace_settings, settings, stored_settings, update_settings,
};

enum Op {
    Show,
    Start,
    Cancel,
}

async fn assistance(sim: Arc<Sim>, req: Request, op: Op) -> Response {
    let path = PathIds::parse(req.uri().path());
    let parts = match admit(&sim, req, Some(&path.desktop)).await {
        Ok(parts) => parts,
        Err(resp) => return resp,
    };
    let resp = carry_out(&sim, &path, op);
    if parts.extensions.get::<AnswerLost>().is_some() {
        // `drop-after`: the change is made, the answer never arrives whole.
        return errors::raw(StatusCode::OK, errors::CONTENT_JSON, faults::dropped());
    }
    resp
}

/// Marks a request whose answer `drop-after` loses once it is carried out.
#[derive(Clone, Copy)]
struct AnswerLost;

/// Marks a ListDesktops whose filters `ignore-filters` drops.
#[derive(Clone, Copy)]
struct Unfiltered;

fn carry_out(sim: &Sim, path: &PathIds, op: Op) -> Response {
    if path.project != sim.project_id {
        return project_not_found(&path.project);
    }
    let desktop = path.desktop.as_str();
    let result = match op {
        Op::Show => sim
            .store
            .show(desktop)
            .map(|record| errors::json(StatusCode::OK, &record)),
        Op::Start => sim.store.start(desktop).map(|started| {
            if started.existing && sim.post_on_active == PostOnActive::Conflict {
                return errors::workspace(
                    StatusCode::CONFLICT,
                    errors::SIM_ALREADY_ACTIVE,
                    format!("The desktop {desktop} already has an active remote assistance."),
                );
            }
            errors::json(StatusCode::OK, &started)
        }),
        Op::Cancel => sim.store.cancel(desktop).map(|()| errors::no_content()),
    };
    result.unwrap_or_else(|missing| match (missing, sim.no_record_as) {
        (Missing::Record, NoRecordAs::Empty) => {
            errors::json(StatusCode::OK, &serde_json::json!({}))
        }
        (Missing::Record, NoRecordAs::Nulls) => errors::json(StatusCode::OK, &faults::all_null()),
        // No record and no desktop answer alike: only ShowDesktopDetail or ListDesktops tell
        // them apart, as with the real API (docs/WORKSPACE-API.md §8).
        (Missing::Desktop | Missing::Record, _) => not_found(desktop),
        (Missing::ActiveAssistance, _) => errors::workspace(
            StatusCode::NOT_FOUND,
            errors::SIM_NO_ACTIVE_ASSISTANCE,
            format!("The desktop {desktop} has no active remote assistance."),
        ),
    })
}

/// What the gateway does before the service sees a request: read the body, authenticate,
/// apply the flow control, then delay or break the answer as the faults say. `Err` is the
/// answer to send instead.
async fn admit(sim: &Sim, req: Request, desktop: Option<&str>) -> Result<Parts, Response> {
    admit_body(sim, req, desktop).await.map(|(parts, _)| parts)
}

/// [`admit`], keeping the body for the service.
pub(crate) async fn admit_body(
    sim: &Sim,
    req: Request,
    desktop: Option<&str>,
) -> Result<(Parts, axum::body::Bytes), Response> {
    let id = req
        .extensions()
        .get::<RequestId>()
        .cloned()
        .unwrap_or_else(|| RequestId(String::new()));
    let (parts, body) = req.into_parts();
    if lacks_length(&parts) {
        return Err(errors::gateway(
            StatusCode::LENGTH_REQUIRED,
            "APIGW.0201",
            "Length Required: a POST or DELETE must carry Content-Length (0 without a body)",
            &id,
        ));
    }
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return Err(errors::gateway(
            StatusCode::PAYLOAD_TOO_LARGE,
            "APIGW.0201",
            "Request body too large",
            &id,
        ));
    };
    let caller =
        gate::check(&sim.creds, &parts, &body, sim.now()).map_err(|denied| denied.response(&id))?;
    // The flow control comes after authentication, as at the gateway: a per-credential
    // bucket must know the caller, and a refused request spends nobody's budget. It comes
    // before latency and faults, and a throttled call never reaches the state machine.
    // Real time, not the simulated clock: benchmarks measure calls per second as they pass.
    if !sim.quota.admit(&caller.0, std::time::Instant::now()) {
        return Err(sim.quota.throttled(&id));
    }
    if !sim.latency.is_zero() {
        tokio::time::sleep(sim.latency).await;
    }
    let mut parts = parts;
    if let Some(chosen) = sim.faults.pick(desktop, parts.method.as_str()) {
        match chosen.kind {
            FaultKind::DropAfter => {
                parts.extensions.insert(AnswerLost);
            }
            FaultKind::IgnoreFilters => {
                parts.extensions.insert(Unfiltered);
            }
            FaultKind::Latency(delay) => tokio::time::sleep(delay).await,
            FaultKind::Flood => return Err(faults::flood(parts.uri.query())),
            FaultKind::EchoHeaders => return Err(faults::echo_headers(&parts.headers, &id)),
            _ => {}
        }
        if let Some(resp) = faults::response(&chosen, &id) {
            return Err(resp);
        }
    }
    Ok((parts, body))
}

/// A strict gateway answers 411 to a bodiless POST or DELETE that says neither how long its
/// body is nor that it is chunked (docs/WORKSPACE-API.md §7: the SDK sends `Content-Length: 0`).
fn lacks_length(parts: &Parts) -> bool {
    matches!(parts.method, Method::POST | Method::DELETE)
        && !parts.headers.contains_key(header::CONTENT_LENGTH)
        && !parts.headers.contains_key(header::TRANSFER_ENCODING)
}

/// The project and desktop of a matched route, decoded from the raw path (so `a%2Fb` is the
/// one desktop `a/b`). The router has already checked the shape.
pub(crate) struct PathIds {
    pub(crate) project: String,
    pub(crate) desktop: String,
}

impl PathIds {
    pub(crate) fn parse(raw_path: &str) -> PathIds {
        let mut segments = raw_path.split('/').skip(2).map(super::verify::unquote);
        let project = segments.next().unwrap_or_default();
        let desktop = segments.nth(1).unwrap_or_default();
        PathIds { project, desktop }
    }
}

pub(crate) fn project_not_found(project: &str) -> Response {
    errors::workspace(
        StatusCode::NOT_FOUND,
        errors::SIM_PROJECT_NOT_FOUND,
        format!("The project {project} does not exist in the simulator."),
    )
}

/// One 404 for "no such desktop" and "no record": the real codes are unknown (§8), so the
/// answer must not tell them apart; ShowDesktopDetail or ListDesktops does, as in the cloud.
fn not_found(desktop: &str) -> Response {
    errors::workspace(
        StatusCode::NOT_FOUND,
        errors::SIM_NOT_FOUND,
        format!("No remote assistance found for desktop {desktop}."),
    )
}

/// The ListDesktops filters and page.
#[derive(Debug, Default)]
struct DesktopQuery {
    user_names: Vec<String>,
    computer_name: Option<String>,
    name_match: NameMatch,
    desktop_ip: Option<String>,
    status: Option<String>,
    desktop_ids: Vec<String>,
    offset: usize,
    limit: usize,
}

impl DesktopQuery {
    fn parse(pairs: &[(String, String)], sim: &Sim) -> Result<DesktopQuery, String> {
        let mut q = DesktopQuery {
            limit: 1000,
            name_match: sim.name_match,
            ..DesktopQuery::default()
        };
        let style = sim.list_style;
        // Both SDKs send a list as repeated keys (`desktop_id=a&desktop_id=b`), so a comma is
        // part of one value; `--list-style comma` keeps the earlier reading as a variant.
        let list = |value: &str| -> Vec<String> {
            match style {
                ListStyle::Repeated => vec![value.to_string()],
                ListStyle::Comma => value.split(',').map(str::to_string).collect(),
            }
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect()
        };
        for (key, value) in pairs {
            match key.as_str() {
                "user_name" => q
                    .user_names
                    .extend(list(value).iter().map(|u| u.to_lowercase())),
                "computer_name" => q.computer_name = Some(value.clone()),
                "desktop_ip" => q.desktop_ip = Some(value.clone()),
                "status" => q.status = Some(value.clone()),
                "desktop_id" => q.desktop_ids.extend(list(value)),
                "offset" => q.offset = number(key, value, usize::MAX)?,
                "limit" => q.limit = number(key, value, 1000)?,
                // Other documented filters (pool_id, tag, ...) are accepted and ignored.
                _ => {}
            }
        }
        if q.desktop_ids.len() > MAX_DESKTOP_IDS {
            return Err(format!(
                "At most {MAX_DESKTOP_IDS} desktop_id values are allowed."
            ));
        }
        q.limit = q.limit.min(sim.page_size_cap);
        Ok(q)
    }

    fn matches(&self, d: &super::seed::Desktop) -> bool {
        let contains = |have: &str, want: &str| have.to_lowercase().contains(want);
        (self.user_names.is_empty() || self.user_names.iter().any(|u| contains(&d.user_name(), u)))
            && self
                .computer_name
                .as_deref()
                .is_none_or(|n| match self.name_match {
                    NameMatch::Exact => d.computer_name() == n,
                    NameMatch::Fuzzy => contains(&d.computer_name(), &n.to_lowercase()),
                })
            && self.desktop_ip.as_deref().is_none_or(|ip| d.ip() == ip)
            && self
                .status
                .as_deref()
                .is_none_or(|s| d.status().eq_ignore_ascii_case(s))
            && (self.desktop_ids.is_empty()
                || self.desktop_ids.iter().any(|id| d.id() == id.as_str()))
    }

    fn run(&self, sim: &Sim) -> serde_json::Value {
        let mut total = 0usize;
        let mut page = Vec::new();
        let catalogue = sim.store.catalogue();
        let desktops: Box<dyn Iterator<Item = super::seed::Desktop>> =
            match self.desktop_ids.is_empty() {
                true => Box::new(catalogue.all()),
                false => Box::new(catalogue.with_ids(&self.desktop_ids).into_iter()),
            };
        for desktop in desktops.filter(|d| self.matches(d)) {
            if total >= self.offset && page.len() < self.limit {
                page.push(super::consent::listed(sim, &desktop));
            }
            total += 1;
        }
        serde_json::json!({ "total_count": total, "desktops": page })
    }
}

fn number(key: &str, value: &str, max: usize) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!(
            "Invalid {key} {value:?}: expected a whole number from 0 to {max}."
        )),
    }
}
