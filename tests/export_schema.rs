//! The published JSON Schema: the copy in the repository is what
//! `reportmine schema` prints, and every sample document validates against
//! it (and a document that breaks the contract does not).

mod common;

use reportmine::export::schema::{schema_json, SCHEMA_PATH};
use serde_json::Value;

const SAMPLES: [&str; 8] = [
    "000_4cc3560e523e0198.txt",
    "001_fa4846f32689ed19.txt",
    "002_390c50dde7388593.txt",
    "003_3c9130cd30dee939.txt",
    "004_feb536bc39f63b84.txt",
    "pdf/council-unruled.pdf",
    "pdf/council-ruled.pdf",
    "fixed-width/council-layout.txt",
];

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&schema_json()).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema is valid draft 2020-12")
}

#[test]
fn committed_schema_is_the_generated_one() {
    let path = format!("{}/{SCHEMA_PATH}", env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == schema_json(),
        "{SCHEMA_PATH} is out of date: run `cargo run --release -- schema -o {SCHEMA_PATH}`"
    );
    let o = common::reportmine(&["schema".as_ref()]);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).unwrap(), committed);
}

#[test]
fn every_sample_document_validates() {
    let v = validator();
    for name in SAMPLES {
        let doc = common::doc(name);
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn documents_that_break_the_contract_do_not_validate() {
    let v = validator();
    let doc = common::doc(SAMPLES[0]);
    type Breaker = fn(&mut Value);
    let broken: [(&str, Breaker); 5] = [
        ("schema_version 2", |d| d["schema_version"] = "2".into()),
        ("row without parent", |d| {
            d["tables"][0]["rows"][0]
                .as_object_mut()
                .unwrap()
                .remove("parent");
        }),
        ("cell without provenance", |d| {
            d["tables"][0]["rows"][0]["cells"]["ref"]
                .as_object_mut()
                .unwrap()
                .remove("provenance");
        }),
        ("line number as text", |d| {
            d["tables"][0]["rows"][0]["provenance"]["lines"][0] = "17".into()
        }),
        ("unknown status", |d| {
            d["tables"][0]["rows"][0]["cells"]["status"]["normalized"]["statuses"][0]["value"] =
                "purple".into()
        }),
    ];
    assert!(v.is_valid(&doc));
    for (what, f) in broken {
        let mut d = doc.clone();
        f(&mut d);
        assert!(!v.is_valid(&d), "{what} must not validate");
    }
}
