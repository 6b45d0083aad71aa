import Foundation

/// libFuzzer's own driver (LLVM 11 and later), linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The body under test, set once before the driver starts.
nonisolated(unsafe) private var target: (([UInt8]) -> Void)?

/// Runs libFuzzer with the command line's options (`-max_total_time=60 corpus/…`), calling
/// `body` with each input. A crash, a trap or an address-sanitizer report is a finding:
/// libFuzzer writes the input as `crash-…` and stops.
///
/// SwiftPM gives an executable its own `main`, so libFuzzer's is not used; its driver is
/// called from here instead.
public func fuzz(_ body: @escaping ([UInt8]) -> Void) -> Never {
    target = body
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = runDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        target?(bytes)
        return 0
    }
    exit(status)
}
