//! What the resolved model says about valid IDLs: the details code
//! generation relies on.

mod common;

use std::path::{Path, PathBuf};

use thrift_idl::model::{BaseType, DefKind, Requiredness, StructKind, Type, Value};
use thrift_idl::{load, load_str, load_with, InMemory, LoadOptions, Severity};

fn ok(text: &str) -> thrift_idl::Model {
    let loaded = load_str("test.thrift", text);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    loaded.model
}

#[test]
fn implicit_field_ids_count_down_from_minus_one() {
    let model = ok("struct S { i32 a, 5: i32 b, i32 c, 0: i32 d }");
    let fields = &model.root().unwrap().structs[0].fields;
    let ids: Vec<(i16, bool)> = fields.iter().map(|f| (f.id, f.explicit_id)).collect();
    assert_eq!(ids, [(-1, false), (5, true), (-2, false), (-3, false)]);
}

#[test]
fn requiredness_follows_apache() {
    let model = ok("union U { 1: required i32 a, 2: i32 b }
        struct S { 1: required i32 a, 2: optional i32 b, 3: i32 c }
        service Svc { void f(1: optional i32 x) }");
    let file = model.root().unwrap();
    let union_reqs: Vec<_> = file.structs[0]
        .fields
        .iter()
        .map(|f| f.requiredness)
        .collect();
    assert_eq!(union_reqs, [Requiredness::Optional, Requiredness::Optional]);
    let struct_reqs: Vec<_> = file.structs[1]
        .fields
        .iter()
        .map(|f| f.requiredness)
        .collect();
    assert_eq!(
        struct_reqs,
        [
            Requiredness::Required,
            Requiredness::Optional,
            Requiredness::Default
        ]
    );
    assert_eq!(
        file.services[0].functions[0].args[0].requiredness,
        Requiredness::Default
    );
}

#[test]
fn enum_values_are_resolved() {
    let model = ok("enum E { A, B = 10, C, D = -0x2, E2 }");
    let values: Vec<(String, i32)> = model.root().unwrap().enums[0]
        .values
        .iter()
        .map(|v| (v.name.clone(), v.value))
        .collect();
    let expected = [("A", 0), ("B", 10), ("C", 11), ("D", -2), ("E2", -1)];
    assert_eq!(values, expected.map(|(n, v)| (n.to_string(), v)));
}

#[test]
fn constants_are_evaluated_against_their_types() {
    let model = ok(r#"
        enum Color { RED = 1, GREEN = 2 }
        struct P { 1: i32 x, 2: double y }
        const i32 A = 7
        const i64 B = A
        const double C = 3
        const bool D = true
        const Color E = Color.GREEN
        const Color F = 1
        const list<i16> G = [A, 2]
        const map<string, set<Color>> H = { "k": [Color.RED, 2] }
        const P I = { "y": 1, "x": A }
        const i32 J = Color.GREEN
    "#);
    let file = model.root().unwrap();
    let value = |name: &str| {
        file.consts
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.value.clone())
            .unwrap()
    };
    let color = |index: usize, value: i32| Value::Enum {
        def: thrift_idl::model::DefRef {
            file: file.id,
            kind: DefKind::Enum,
            index: 0,
        },
        index,
        value,
    };
    assert_eq!(value("A"), Value::Int(7));
    assert_eq!(value("B"), Value::Int(7));
    assert_eq!(value("C"), Value::Double(3.0));
    assert_eq!(value("D"), Value::Bool(true));
    assert_eq!(value("E"), color(1, 2));
    assert_eq!(value("F"), color(0, 1));
    assert_eq!(value("G"), Value::List(vec![Value::Int(7), Value::Int(2)]));
    assert_eq!(
        value("H"),
        Value::Map(vec![(
            Value::String("k".into()),
            Value::Set(vec![color(0, 1), color(1, 2)])
        )])
    );
    match value("I") {
        Value::Struct { def, fields } => {
            assert_eq!(def.kind, DefKind::Struct);
            assert_eq!(fields, vec![(1, Value::Double(1.0)), (0, Value::Int(7))]);
        }
        other => panic!("expected a struct value, got {other:?}"),
    }
    assert_eq!(value("J"), Value::Int(2));
}

#[test]
fn typedef_chains_are_followed() {
    let model = ok("typedef i64 A
        typedef A B
        typedef list<B> C
        struct S { 1: B b, 2: C c }");
    let file = model.root().unwrap();
    let b = &file.structs[0].fields[0].ty;
    assert!(matches!(b, Type::Named(def) if def.kind == DefKind::Typedef));
    assert_eq!(model.true_type(b), &Type::Base(BaseType::I64));
    let c = model.true_type(&file.structs[0].fields[1].ty);
    assert_eq!(
        c,
        &Type::List(Box::new(Type::Named(file.structs[0].fields[0].ty_def())))
    );
}

/// Small helper so the test above reads naturally.
trait TyDef {
    fn ty_def(&self) -> thrift_idl::model::DefRef;
}

impl TyDef for thrift_idl::model::Field {
    fn ty_def(&self) -> thrift_idl::model::DefRef {
        match self.ty {
            Type::Named(def) => def,
            _ => panic!("not a named type"),
        }
    }
}

#[test]
fn includes_resolve_across_files_in_memory() {
    let sources = InMemory::new()
        .with(
            "idl/main.thrift",
            "include \"base.thrift\"\ninclude \"lib.thrift\"\n\
             service Child extends base.Parent { base.Thing get() throws (1: base.Oops e) }\n\
             const i32 N = base.LIMIT\nconst base.Kind K = base.Kind.B",
        )
        .with(
            "idl/base.thrift",
            "struct Thing {}\nexception Oops {}\nservice Parent { void ping() }\n\
             const i32 LIMIT = 3\nenum Kind { A, B }",
        )
        .with("deps/lib.thrift", "struct Lib {}");
    let options = LoadOptions {
        include_dirs: vec![PathBuf::from("deps")],
    };
    let loaded = load_with(&sources, Path::new("idl/main.thrift"), &options);
    assert!(!loaded.has_errors(), "{}", loaded.render_diagnostics());
    let model = &loaded.model;
    let root = model.root().unwrap();
    let modules: Vec<&str> = root.includes.iter().map(|i| i.module.as_str()).collect();
    assert_eq!(modules, ["base", "lib"]);
    let child = &root.services[0];
    let parent = model.service(child.extends.unwrap()).unwrap();
    assert_eq!(parent.name, "Parent");
    assert_eq!(
        model.file(child.extends.unwrap().file).unwrap().module,
        "base"
    );
    let get = &child.functions[0];
    match get.returns.as_ref().unwrap() {
        Type::Named(def) => assert_eq!(model.struct_def(*def).unwrap().name, "Thing"),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(root.consts[0].value, Some(Value::Int(3)));
    assert!(matches!(
        root.consts[1].value,
        Some(Value::Enum { value: 1, .. })
    ));
    // Root first, then includes in the order they were read.
    assert_eq!(
        loaded.files,
        ["idl/main.thrift", "idl/base.thrift", "deps/lib.thrift"].map(PathBuf::from)
    );
}

#[test]
fn docs_are_kept_and_cleaned() {
    let model = ok("/**\n * A point.\n *\n * In 2D.\n */\nstruct P {\n  /** X axis. */\n  1: i32 x\n  2: i32 y\n}\n\
         /** Colors. */ enum C { /** Red. */ RED }\n\
         /** The API. */ service S { /** Does it. */ void f() }\n\
         /** A constant. */ const i32 K = 1\n/** An alias. */ typedef i32 T");
    let file = model.root().unwrap();
    assert_eq!(file.structs[0].doc.as_deref(), Some("A point.\n\nIn 2D."));
    assert_eq!(file.structs[0].fields[0].doc.as_deref(), Some("X axis."));
    assert_eq!(file.structs[0].fields[1].doc, None);
    assert_eq!(file.enums[0].doc.as_deref(), Some("Colors."));
    assert_eq!(file.enums[0].values[0].doc.as_deref(), Some("Red."));
    assert_eq!(file.services[0].doc.as_deref(), Some("The API."));
    assert_eq!(
        file.services[0].functions[0].doc.as_deref(),
        Some("Does it.")
    );
    assert_eq!(file.consts[0].doc.as_deref(), Some("A constant."));
    assert_eq!(file.typedefs[0].doc.as_deref(), Some("An alias."));
}

#[test]
fn spans_give_lines_and_columns() {
    // Columns count characters, not bytes.
    let model = ok("struct S {\n  1: i32 first\n\t/* ü */ 2: string second\n}");
    let fields = &model.root().unwrap().structs[0].fields;
    assert_eq!((fields[0].name_span.line, fields[0].name_span.col), (2, 10));
    assert_eq!((fields[1].name_span.line, fields[1].name_span.col), (3, 20));
    assert_eq!(fields[1].name_span.len(), 6);
}

#[test]
fn annotations_namespaces_and_flags() {
    let model = ok(
        "namespace rs demo (x = \"y\")\nnamespace * all\ncpp_include \"a.h\"\n\
         typedef string (t = \"u\") Text\n\
         struct S { 1: i32 a (flag, k = 'v'), 2: binary (rust.type = \"Bytes\") b } (s = \"1\")",
    );
    let file = model.root().unwrap();
    let ns: Vec<(&str, &str)> = file
        .namespaces
        .iter()
        .map(|n| (n.scope.as_str(), n.name.as_str()))
        .collect();
    assert_eq!(ns, [("rs", "demo"), ("*", "all")]);
    assert_eq!(file.namespaces[0].annotations[0].value, "y");
    assert_eq!(file.cpp_includes, ["a.h"]);
    let field = &file.structs[0].fields[0];
    let annotations: Vec<(&str, &str)> = field
        .annotations
        .iter()
        .map(|a| (a.key.as_str(), a.value.as_str()))
        .collect();
    assert_eq!(annotations, [("flag", "1"), ("k", "v")]);
    assert_eq!(file.structs[0].annotations[0].key, "s");
    let b = &file.structs[0].fields[1];
    assert!(b.annotations.is_empty());
    let ty_annotation = &b.type_annotations[0];
    assert_eq!(
        (ty_annotation.key.as_str(), ty_annotation.value.as_str()),
        ("rust.type", "Bytes")
    );
    assert_eq!(file.typedefs[0].type_annotations[0].key, "t");
}

#[test]
fn services_functions_and_references() {
    let model = ok("exception E {}\nstruct N { 1: optional N & next }\n\
         service S { oneway void fire(1: i32 a), N get() throws (1: E e), void nothing() }");
    let file = model.root().unwrap();
    assert!(file.structs[1].fields[0].reference);
    assert_eq!(file.structs[0].kind, StructKind::Exception);
    let f = &file.services[0].functions;
    assert!(f[0].oneway && f[0].returns.is_none());
    assert_eq!(f[1].throws[0].name, "e");
    assert!(!f[2].oneway && f[2].args.is_empty());
}

#[test]
fn partial_model_survives_errors() {
    let loaded = load_str(
        "broken.thrift",
        "struct Good { 1: i32 a }\nstruct Bad { 1: Missing m, 2: i32 ok }\nstruct {\nenum E { X }",
    );
    assert!(loaded.has_errors());
    let file = loaded.model.root().unwrap();
    let names: Vec<&str> = file.structs.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Good", "Bad"]);
    assert_eq!(file.structs[1].fields[0].ty, Type::Unresolved);
    assert_eq!(file.structs[1].fields[1].ty, Type::Base(BaseType::I32));
    assert_eq!(file.enums[0].values[0].name, "X");
    assert_eq!(
        loaded.errors().count(),
        2,
        "{}",
        loaded.render_diagnostics()
    );
}

#[test]
fn diagnostics_carry_path_line_and_column() {
    let loaded = load_str("dir/file.thrift", "struct S {\n    1: Foo bar,\n}");
    let d = &loaded.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.primary.location.path, PathBuf::from("dir/file.thrift"));
    assert_eq!((d.primary.location.line, d.primary.location.col), (2, 8));
    assert_eq!(
        d.render(),
        "error: unknown type `Foo`\n --> dir/file.thrift:2:8\n  |\n2 |     1: Foo bar,\n  |        ^^^ not defined\n"
    );
}

#[test]
fn tabs_are_expanded_under_the_caret() {
    let loaded = load_str("t.thrift", "struct S {\n\t1: Foo bar\n}");
    let rendered = loaded.diagnostics[0].render();
    assert!(
        rendered.contains("2 |     1: Foo bar\n  |        ^^^ not defined"),
        "{rendered}"
    );
}

#[test]
fn missing_root_file_is_an_error_not_a_panic() {
    let loaded = load(
        Path::new("tests/idl/does/not/exist.thrift"),
        &LoadOptions::default(),
    );
    assert!(loaded.has_errors());
    assert!(loaded.files.is_empty());
    assert!(loaded
        .render_diagnostics()
        .starts_with("error: cannot read `tests/idl/does/not/exist.thrift`"));
}

#[test]
fn files_read_are_absolute_even_on_error() {
    common::enter_crate_dir();
    let loaded = load(
        Path::new("tests/idl/fail/include_cycle/main.thrift"),
        &LoadOptions::default(),
    );
    assert!(loaded.has_errors());
    assert_eq!(loaded.files.len(), 3);
    assert!(loaded.files.iter().all(|f| f.is_absolute() && f.exists()));
    // Diagnostics keep the relative path they were reached by.
    assert!(loaded
        .render_diagnostics()
        .contains("--> tests/idl/fail/include_cycle/b.thrift:1:9"));
}

#[test]
fn realistic_idl_resolves() {
    common::enter_crate_dir();
    let options = LoadOptions {
        include_dirs: vec![PathBuf::from("tests/idl/pass/realistic/include")],
    };
    let loaded = load(Path::new("tests/idl/pass/realistic/main.thrift"), &options);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}",
        loaded.render_diagnostics()
    );
    let model = &loaded.model;
    // Walk Admin -> Shop -> Catalog -> Health across three files.
    let root = model.root().unwrap();
    let mut service = root.services.iter().find(|s| s.name == "Admin").unwrap();
    let mut chain = vec![service.name.clone()];
    while let Some(parent) = service.extends {
        service = model.service(parent).unwrap();
        chain.push(format!(
            "{}.{}",
            model.file(parent.file).unwrap().module,
            service.name
        ));
    }
    assert_eq!(
        chain,
        ["Admin", "main.Shop", "catalog.Catalog", "common.Health"]
    );
    assert_eq!(loaded.files.len(), 4);
    let lines: usize = loaded
        .sources
        .files()
        .iter()
        .map(|f| f.text.lines().count())
        .sum();
    assert!(lines >= 400, "only {lines} lines");
}
