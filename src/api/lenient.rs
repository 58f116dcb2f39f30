//! Answers with a field of an unexpected JSON type (e.g. `create_time` as a number): the
//! official SDK tolerates them (docs/WORKSPACE-API.md §7), so `assist` keeps what it can — a
//! number or a bool as text, an object or an array as compact JSON — and names the fields.

use serde_json::Value;

/// The fields of an answer that the models read as text, and where nested records are.
pub struct TextFields {
    /// Members of the answer's top-level object.
    pub top: &'static [&'static str],
    /// A member holding an array of objects, and the text members of each.
    pub nested: Option<(&'static str, &'static [&'static str])>,
}

/// Rewrites every listed member that is neither a string nor null into text; returns the
/// names of the members that had to be rewritten (`desktops[].created`), without repeats.
pub fn normalize(value: &mut Value, fields: &TextFields) -> Vec<String> {
    let mut changed = Vec::new();
    let Value::Object(top) = value else {
        return changed;
    };
    for name in fields.top {
        if let Some(v) = top.get_mut(*name) {
            if as_text(v) {
                changed.push((*name).to_string());
            }
        }
    }
    if let Some((list, names)) = fields.nested {
        for item in top
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            let Value::Object(item) = item else { continue };
            for name in names {
                let label = format!("{list}[].{name}");
                if item.get_mut(*name).is_some_and(as_text) && !changed.contains(&label) {
                    changed.push(label);
                }
            }
        }
    }
    changed
}

/// Makes `v` a string when it is another non-null type; whether it did.
fn as_text(v: &mut Value) -> bool {
    let text = match &*v {
        Value::String(_) | Value::Null => return false,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        // Compact JSON: `{"a":1}`, as serde_json writes it.
        other => other.to_string(),
    };
    *v = Value::String(text);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: TextFields = TextFields {
        top: &["create_time", "status", "share_space_name"],
        nested: Some(("desktops", &["created"])),
    };

    #[test]
    fn numbers_bools_and_objects_become_text() {
        let mut v: Value = serde_json::from_str(
            r#"{"create_time":1648425600,"status":true,"share_space_name":{"a":[1,2]},"other":5,
               "desktops":[{"created":7},{"created":"x"},{"created":8}]}"#,
        )
        .unwrap();
        let changed = normalize(&mut v, &FIELDS);
        assert_eq!(
            changed,
            [
                "create_time",
                "status",
                "share_space_name",
                "desktops[].created"
            ]
        );
        assert_eq!(v["create_time"], "1648425600");
        assert_eq!(v["status"], "true");
        assert_eq!(v["share_space_name"], r#"{"a":[1,2]}"#);
        assert_eq!(
            v["other"], 5,
            "fields the models do not read as text are left alone"
        );
        assert_eq!(v["desktops"][0]["created"], "7");
    }

    #[test]
    fn strings_and_nulls_are_untouched() {
        let mut v: Value = serde_json::from_str(r#"{"create_time":null,"status":"OPEN"}"#).unwrap();
        assert!(normalize(&mut v, &FIELDS).is_empty());
        let mut not_an_object = Value::from(3);
        assert!(normalize(&mut not_an_object, &FIELDS).is_empty());
    }
}
