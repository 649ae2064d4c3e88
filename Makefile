# sitegen: `make site` builds the default site; `make test` runs the tests; `make check-site` runs
# the Nu HTML checker and axe (headless Chromium) over two built sites (Scripts/check-site.sh);
# `make verify-incremental` runs 200 seeded random edit sequences on the default site, each build
# that reuses earlier results compared with a clean build (SEQUENCES and SEED to change them).
SWIFT ?= swift
ROOT ?= .

.PHONY: site test deps check-site verify-incremental

deps:
	@bash Scripts/install-deps.sh

site: deps
	$(SWIFT) build -c release --product sitegen
	.build/release/sitegen build --root $(ROOT)
	@echo
	@echo "The site is in $(ROOT)/Public/ (its pages also open straight from the file system). Preview it with:"
	@echo "  .build/release/sitegen serve --root $(ROOT)        # http://127.0.0.1:8080/, rebuilds and reloads as you edit"

test: deps
	$(SWIFT) test

check-site: deps
	SWIFT="$(SWIFT)" bash Scripts/check-site.sh

SEQUENCES ?= 200
SEED ?= 1

verify-incremental: deps
	$(SWIFT) build -c release --product sitegen
	.build/release/sitegen verify-incremental --root $(ROOT) --sequences $(SEQUENCES) --seed $(SEED)
