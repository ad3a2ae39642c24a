# The two commands of the quick start, and a few more for maintainers.
# With DATABASE_URL set, `run` and `test` use that database instead of the private cluster.

.PHONY: run test bench contract build stop-db clean-db

## Build, start PostgreSQL in .local/, migrate, load demo data, serve on http://127.0.0.1:8080
run:
	@scripts/run

## The whole test suite against a real PostgreSQL
test:
	@scripts/test

## Release build, scales 1 and 100 of demo data, every endpoint under wrk: prints a table per scale
bench:
	@scripts/bench

## schemathesis against the served contract, as each role and anonymous (also run by `test`)
contract:
	@scripts/require-swift
	@scripts/local-postgres start >/dev/null
	@swift build --product csc-registry
	@Tests/Contract/contract-check "$$(swift build --show-bin-path)/csc-registry" "$${DATABASE_URL:-$$(scripts/local-postgres url)}"

## Debug build of the server and the tests
build:
	swift build --build-tests

## Stop the private PostgreSQL cluster (its data stays in .local/postgres)
stop-db:
	@scripts/local-postgres stop

## Delete the private cluster and all its data
clean-db: stop-db
	rm -rf .local/postgres
