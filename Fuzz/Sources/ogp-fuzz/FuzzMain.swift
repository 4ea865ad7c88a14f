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
        // The target is the first argument, or OGP_FUZZ_TARGET for the processes libFuzzer starts
        // itself with its own options only (-merge=1, -fork): set from the first, they inherit it.
        let target: FuzzTargets.Target
        let rest: ArraySlice<String>
        if args.count >= 2, let named = FuzzTargets.all[args[1]] {
            target = named
            rest = args.dropFirst(2)
            setenv("OGP_FUZZ_TARGET", args[1], 1)
        } else if let name = ProcessInfo.processInfo.environment["OGP_FUZZ_TARGET"],
            let named = FuzzTargets.all[name]
        {
            target = named
            rest = args.dropFirst(1)
        } else {
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
        for a in rest { argv.append(strdup(a)) }
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
