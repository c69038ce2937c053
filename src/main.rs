fn main() {
    zipin::run();
}
