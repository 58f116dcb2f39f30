//! The calls around a session (docs/WORKSPACE-API.md §9) over HTTP: the tenant's settings
//! (GET/PUT, validated; `--settings-api` refuses them), ShowDesktopDetail's power and login
//! states, SendNotifications, and their control endpoints (`/_sim/settings`,
//! `/_sim/notifications`, `/_sim/desktop-state`).

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::sync::Arc;

use super::errors::{self, RequestId};
use super::seed::Desktop;
use super::server::{request_id, Sim};
use super::tenant::{
    self, Cast, DesktopState, SettingsApi, CONFIG_NAME, MAX_NOTIFICATION, MAX_NOTIFIED,
};
use super::workspace::{admit_body, project_not_found, PathIds};

/// The desktop as ShowDesktopDetail describes it: the listing's fields, then its power and
/// login states (as a test or the cast changed them).
pub fn detail(sim: &Sim, desktop: &Desktop) -> Value {
    let mut value = desktop.summary();
    let state = sim.store.tenant.state(&desktop.id());
    let status = state.status.unwrap_or_else(|| desktop.status().to_string());
    let login = state
        .login_status
        .unwrap_or_else(|| desktop.connect_status().to_string());
    if let Some(map) = value.as_object_mut() {
        map.insert("status".into(), Value::from(status));
        map.insert("connect_status".into(), Value::from(login.clone()));
        map.insert("login_status".into(), Value::from(login));
        let maintenance = state.in_maintenance_mode.unwrap_or(false);
        map.insert("in_maintenance_mode".into(), Value::from(maintenance));
        map.insert("task_status".into(), Value::from(state.task_status));
    }
    value
}

/// The desktop as ListDesktops shows it, its `connect_status` as a test or the cast left it.
pub fn listed(sim: &Sim, desktop: &Desktop) -> Value {
    let mut value = desktop.summary();
    if let Some(login) = sim.store.tenant.state(&desktop.id()).login_status {
        value["connect_status"] = Value::from(login);
    }
    value
}

/// ShowShareSpaceConfig: the object as a JSON string, as the service sends it.
pub async fn settings(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let (parts, _) = match admitted(&sim, req).await {
        Ok(admitted) => admitted,
        Err(resp) => return resp,
    };
    let query = super::verify::query_pairs(parts.uri.query().unwrap_or(""));
    let name = query.iter().find(|(k, _)| k == "name").map(|(_, v)| v);
    if name.is_some_and(|n| n != CONFIG_NAME) {
        return bad(format!(
            "Unknown configuration {:?}.",
            name.unwrap_or(&String::new())
        ));
    }
    let text = sim.store.tenant.config_text();
    let body = serde_json::json!({ "config_name": CONFIG_NAME, "config_value": text });
    errors::json(StatusCode::OK, &body)
}

#[derive(Deserialize)]
struct Update {
    config_name: String,
    config_value: String,
}

/// UpdateShareSpaceConfig: the whole object, checked, then stored.
pub async fn update_settings(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let (_, body) = match admitted(&sim, req).await {
        Ok(admitted) => admitted,
        Err(resp) => return resp,
    };
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(e) => return bad(format!("Expected config_name and config_value: {e}")),
    };
    if update.config_name != CONFIG_NAME {
        return bad(format!("Unknown configuration {:?}.", update.config_name));
    }
    let config = match serde_json::from_str::<Map<String, Value>>(&update.config_value) {
        Ok(config) => config,
        Err(e) => return bad(format!("config_value is not a JSON object: {e}")),
    };
    if let Err(msg) = tenant::validate(&config) {
        return bad(msg);
    }
    sim.store.tenant.set_config(config);
    errors::json(StatusCode::OK, &serde_json::json!({}))
}

/// The gateway and the project check of a settings call, then `--settings-api`.
async fn admitted(
    sim: &Sim,
    req: Request,
) -> Result<(axum::http::request::Parts, axum::body::Bytes), Response> {
    let id = request_id(&req);
    let path = PathIds::parse(req.uri().path());
    let admitted = admit_body(sim, req, None).await?;
    if path.project != sim.project_id {
        return Err(project_not_found(&path.project));
    }
    match sim.settings_api {
        SettingsApi::Available => Ok(admitted),
        SettingsApi::Forbidden => Err(errors::gateway(
            StatusCode::FORBIDDEN,
            "APIGW.0302",
            "The IAM user is not authorized to access the API (workspace:tenants:getShareSpaceConfig)",
            &id,
        )),
        SettingsApi::Absent => Err(errors::gateway(
            StatusCode::NOT_FOUND,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment",
            &id,
        )),
    }
}

#[derive(Deserialize)]
struct Notifications {
    desktop_ids: Vec<String>,
    notifications: String,
}

/// SendNotifications: a message for each desktop, kept for the control API.
pub async fn notify(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let path = PathIds::parse(req.uri().path());
    let (_, body) = match admit_body(&sim, req, None).await {
        Ok(admitted) => admitted,
        Err(resp) => return resp,
    };
    if path.project != sim.project_id {
        return project_not_found(&path.project);
    }
    let sent: Notifications = match serde_json::from_slice(&body) {
        Ok(sent) => sent,
        Err(e) => return bad(format!("Expected desktop_ids and notifications: {e}")),
    };
    if let Err(msg) = check(&sim, &sent) {
        return bad(msg);
    }
    let job_id = format!("job-{:016x}", fastrand::u64(..));
    let catalogue = sim.store.catalogue();
    let state_of = |id: &str, key: &str| {
        let desktop = catalogue.find(id)?;
        detail(&sim, &desktop)[key].as_str().map(str::to_string)
    };
    let login = |id: &str| state_of(id, "login_status");
    let power = |id: &str| state_of(id, "status");
    let cast = Cast {
        acknowledges: sim.lively,
        login: &login,
        power: &power,
    };
    let text = sent.notifications.as_str();
    sim.store
        .tenant
        .receive(&sent.desktop_ids, text, &job_id, cast);
    errors::json(StatusCode::OK, &serde_json::json!({ "job_id": job_id }))
}

fn check(sim: &Sim, sent: &Notifications) -> Result<(), String> {
    let length = sent.notifications.chars().count();
    if sent.notifications.trim().is_empty() || length > MAX_NOTIFICATION {
        return Err(format!(
            "notifications must be 1 to {MAX_NOTIFICATION} characters (got {length})."
        ));
    }
    if sent.desktop_ids.is_empty() || sent.desktop_ids.len() > MAX_NOTIFIED {
        return Err(format!(
            "desktop_ids must name 1 to {MAX_NOTIFIED} desktops."
        ));
    }
    match sent
        .desktop_ids
        .iter()
        .find(|id| sim.store.catalogue().find(id).is_none())
    {
        Some(missing) => Err(format!("The desktop {missing} does not exist.")),
        None => Ok(()),
    }
}

fn bad(msg: String) -> Response {
    errors::workspace(StatusCode::BAD_REQUEST, errors::SIM_BAD_PARAMETER, msg)
}

/// `GET /_sim/settings`: the object as stored (to compare what a PUT kept).
pub async fn stored_settings(State(sim): State<Arc<Sim>>) -> Response {
    errors::json(StatusCode::OK, &sim.store.tenant.config())
}

/// `POST /_sim/settings`: store this object as it is, unchecked (odd clouds, unknown keys);
/// a JSON string instead is served as `config_value` verbatim (a malformed one).
pub async fn replace_settings(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let id = request_id(&req);
    let Ok(body) = axum::body::to_bytes(req.into_body(), 64 * 1024).await else {
        return control_error("the body could not be read (64 KiB at most)", &id);
    };
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(config)) => {
            sim.store.tenant.set_config(config);
            stored_settings(State(sim)).await
        }
        Ok(Value::String(raw)) => {
            sim.store.tenant.set_raw(raw);
            errors::no_content()
        }
        _ => control_error("expected a JSON object, or a string to serve verbatim", &id),
    }
}

/// `GET /_sim/notifications`: every message received, oldest first.
pub async fn received(State(sim): State<Arc<Sim>>) -> Response {
    errors::json(StatusCode::OK, &sim.store.tenant.received())
}

/// `POST /_sim/desktop-state?desktop=ID` with `{"login_status": "DISCONNECTED", …}`: the
/// desktop's state from now on (fields not given stay as they were).
pub async fn change_state(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let id = request_id(&req);
    let query = super::verify::query_pairs(req.uri().query().unwrap_or(""));
    let Some(desktop) = query
        .into_iter()
        .find(|(k, _)| k == "desktop")
        .map(|(_, v)| v)
    else {
        return control_error("name the desktop, like ?desktop=ID", &id);
    };
    let Ok(body) = axum::body::to_bytes(req.into_body(), 64 * 1024).await else {
        return control_error("the body could not be read (64 KiB at most)", &id);
    };
    match serde_json::from_slice::<DesktopState>(&body) {
        Ok(change) => {
            sim.store.tenant.change_state(&desktop, change);
            errors::json(StatusCode::OK, &sim.store.tenant.state(&desktop))
        }
        Err(e) => control_error(&format!("expected a desktop state: {e}"), &id),
    }
}

fn control_error(msg: &str, id: &RequestId) -> Response {
    errors::gateway(StatusCode::BAD_REQUEST, errors::SIM_BAD_PARAMETER, msg, id)
}
