import Foundation

/// A line on standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// libFuzzer's driver (from `libclang_rt.fuzzer`, linked by `-sanitize=fuzzer`): runs the
/// fuzzing loop with our callback, taking libFuzzer's own options from `argv`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// `ogp-fuzz TARGET [libFuzzer options] [CORPUS…]`: one executable for every target (one build,
/// one link), the target chosen by the first argument.
@main
struct FuzzMain {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 2, let target = FuzzTargets.all[args[1]] else {
            let names = FuzzTargets.all.keys.sorted().joined(separator: ", ")
            printError("usage: ogp-fuzz TARGET [libFuzzer options] [CORPUS…]\ntargets: \(names)")
            exit(64)
        }
        FuzzTargets.selected = target
        atexit { ScratchFile.removeAll() }
        // One-time set-up (the query target's index, tables, contexts) before the fuzzing loop,
        // so that it is neither timed as the first input's work nor repeated.
        FuzzTargets.warmUp(target)
        // Hand libFuzzer argv without the target name.
        var argv: [UnsafeMutablePointer<CChar>?] = [strdup(args[0])]
        for a in args.dropFirst(2) { argv.append(strdup(a)) }
        argv.append(nil)
        var argc = Int32(argv.count - 1)
        let status = argv.withUnsafeMutableBufferPointer { buf -> Int32 in
            var base = buf.baseAddress!
            return LLVMFuzzerRunDriver(&argc, &base) { data, size in
                let bytes = UnsafeBufferPointer(start: data, count: size)
                FuzzTargets.selected?(bytes)
                return 0
            }
        }
        exit(status)
    }
}
