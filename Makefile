# The one entry point: make start | test | serve | dist | bench
SHELL := /bin/bash
.DEFAULT_GOAL := start
NODE_TSX := node --import tsx
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export TEST_DATABASE_URL

.PHONY: start test lint serve dist bench install build build-webapp build-server build-sandbox typecheck \
        doctor test-server test-server-sqlite test-server-postgres test-server-s3 test-standin test-webapp test-package test-e2e test-clock clean

## Install what is missing (node packages, incl. the native SQLite driver, built from source here),
## and build the wire contract the service runs with.
install: node_modules/.install-stamp contract/dist/index.js
node_modules/.install-stamp: package.json package-lock.json webapp/package.json server-proxy/package.json contract/package.json \
                             tests/standin/package.json tests/sandbox/package.json tests/react17/package.json tests/react19/package.json
	@command -v node >/dev/null || { echo "Node.js 20 or newer is needed: apt-get install nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@
contract/dist/index.js: node_modules/.install-stamp contract/tsconfig.json $(wildcard contract/src/*.ts)
	npm run build -w contract
	@touch $@

build: build-webapp build-server build-sandbox
build-webapp: install
	npm run build -w webapp
build-server: install
	npm run build -w server-proxy
build-sandbox: install
	$(NODE_TSX) tests/sandbox/build.ts

## Service + Mattermost stand-in + sandbox host page, on the embedded SQLite default.
start: build
	$(NODE_TSX) tests/sandbox/start.ts

## The service alone, configured by environment (production).
serve: build-server
	node --expose-gc --max-semi-space-size=2 --heap-growing-percent=25 server-proxy/dist/server.js

## Check a deployment's settings and what they point at (the service's environment): one line per check, non-zero on a failure.
doctor: build-server
	node server-proxy/dist/cli.js doctor

## The plugin tarball for System Console upload.
dist: build-webapp
	node scripts/package-plugin.mjs

## Lint and format: ESLint over every area, Prettier over the service and the tests, knip for unused code and dependencies.
lint: install
	npx prettier --check --log-level warn .
	npm run --silent manifest -w webapp
	npx eslint --max-warnings 0 .
	npx knip

typecheck: install
	npx tsc --noEmit -p server-proxy/tsconfig.test.json
	npm run typecheck -w webapp
	npx tsc --noEmit -p tests/sandbox/tsconfig.json
	npx tsc --noEmit -p tests/standin/tsconfig.json
	npx tsc --noEmit -p tests/bench/tsconfig.json

## Every test: lint, types, service on SQLite and PostgreSQL, stand-in, webapp, package, browser end-to-end.
test: install lint typecheck test-standin test-server test-webapp test-package test-e2e
	@echo "make test: all suites passed"

test-server: test-server-sqlite test-server-postgres test-server-s3
test-server-sqlite: install
	cd server-proxy && TEST_DB=sqlite $(NODE_TSX) --test --test-concurrency=1 --test-reporter=spec test/*.test.ts
test-server-postgres: install
	cd server-proxy && TEST_DB=postgres $(NODE_TSX) --test --test-concurrency=1 --test-reporter=spec test/*.test.ts
## The asset and upload suites again with versions in an S3-compatible bucket (s3rver, an npm package
## the tests start in-process), on both engines; test/s3.test.ts runs on S3 in the suites above.
test-server-s3: install
	cd server-proxy && TEST_DB=sqlite TEST_BLOB_STORE=s3 $(NODE_TSX) --test --test-concurrency=1 --test-reporter=spec test/assets.test.ts test/uploads.test.ts
	cd server-proxy && TEST_DB=postgres TEST_BLOB_STORE=s3 $(NODE_TSX) --test --test-concurrency=1 --test-reporter=spec test/assets.test.ts test/uploads.test.ts
test-standin: install
	$(NODE_TSX) --test --test-reporter=spec tests/standin/*.test.ts tests/sandbox/*.test.ts
test-webapp: install
	npm test -w webapp
	TEST_REACT=19 npm test -w webapp
test-package: build-webapp
	$(NODE_TSX) --test --test-reporter=spec tests/package/*.test.*
test-e2e: build-webapp build-sandbox
	$(NODE_TSX) --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.ts

## Not part of make test: the suites without a browser again, with the clock 400 days ahead and
## late on month ends (needs faketime). Logs in test-results/clock/.
test-clock: install
	scripts/clock-check.sh

## Benchmarks: service throughput and latency, bundle size.
bench: build
	$(NODE_TSX) tests/bench/run.ts

clean:
	rm -rf node_modules webapp/dist server-proxy/dist tests/sandbox/dist dist data test-results
