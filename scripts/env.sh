# Sourced by the scripts: the tool paths and test settings they share.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# A backtrace makes trunk's and cargo's errors very long; tests print their own messages.
export RUST_BACKTRACE=0
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=60
