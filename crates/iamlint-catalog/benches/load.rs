//! How long parsing the embedded catalog takes (`cargo bench -p iamlint-catalog --bench load`).
//! The target is 5 ms from process start to a ready catalog; BENCHMARKS.md has the figures.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use iamlint_catalog::{CATALOG_TEXT, Catalog, REGIONS_TEXT};

fn load(c: &mut Criterion) {
    c.bench_function("catalog parse", |b| {
        b.iter(|| black_box(Catalog::parse(black_box(CATALOG_TEXT), REGIONS_TEXT)))
    });
    let cat = Catalog::parse(CATALOG_TEXT, REGIONS_TEXT);
    c.bench_function("action lookup (s3:getobject), before the index", |b| {
        b.iter(|| black_box(cat.action(black_box("s3:getobject"))))
    });
    // parse and index together; the index alone is the difference from "catalog parse"
    c.bench_function("catalog parse and action index", |b| {
        b.iter(|| {
            let fresh = Catalog::parse(CATALOG_TEXT, REGIONS_TEXT);
            fresh.index_actions();
            black_box(fresh)
        })
    });
    cat.index_actions();
    c.bench_function("action lookup (s3:getobject), indexed", |b| {
        b.iter(|| black_box(cat.action(black_box("s3:getobject"))))
    });
    c.bench_function("wildcard expansion (*:Describe*)", |b| {
        b.iter(|| black_box(cat.expand(black_box("*:Describe*")).len()))
    });
}

criterion_group!(benches, load);
criterion_main!(benches);
