// Classifier benchmark: accuracy on CLINC150 and HWU64, AUROC against CLINC's out-of-scope test
// split, training time, per-message latency (normalising alone as the baseline), model memory.
// swift run -c release switchboard-bench classifier --shared /work/shared
import Foundation
import SwitchboardCore

enum ClassifierBench {
    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String]) throws {
        guard let shared = option("--shared", in: arguments) else {
            throw BenchError(description: "classifier bench needs --shared PATH (the folder that holds datasets/)")
        }
        let clinc = try loadPairs("\(shared)/datasets/clinc150/data_full.json")
        let hwu = try loadPairs("\(shared)/datasets/hwu64/splits.json")
        let train = clinc["train"] ?? []
        let oosTrain = (clinc["oos_train"] ?? []).map(\.text)
        let split = option("--split", in: arguments) ?? "test"
        if let rounds = option("--profile-normalise", in: arguments).flatMap(Int.init) {
            let normalizer = IntentClassifier(examples: train).normalizer
            let texts = (clinc["val"] ?? []).map(\.text)
            let start = cpuSeconds()
            var checksum = 0
            for round in 0..<rounds { checksum += normalizer.tokens(texts[round % texts.count]).count }
            print("normalise: \(formatDuration((cpuSeconds() - start) / Double(max(1, rounds)))) CPU per message (checksum \(checksum))")
            return
        }
        if let rounds = option("--profile-classify", in: arguments).flatMap(Int.init) {
            let classifier = IntentClassifier(examples: train, outOfScope: oosTrain)
            let texts = (clinc["val"] ?? []).map(\.text)
            let start = cpuSeconds()
            var checksum = 0.0
            for round in 0..<rounds { checksum += classifier.classify(texts[round % texts.count]).top?.confidence ?? 0 }
            print("classify: \(formatDuration((cpuSeconds() - start) / Double(max(1, rounds)))) CPU per message (checksum \(checksum))")
            return
        }
        if arguments.contains("--report") {
            let report = IntentEvaluator.heldOut(
                train: train, validation: clinc["val"] ?? [], test: clinc["test"] ?? [], outOfScopeTrain: oosTrain,
                outOfScopeValidation: (clinc["oos_val"] ?? []).map(\.text), outOfScopeTest: (clinc["oos_test"] ?? []).map(\.text),
                targetPrecision: Double(option("--target-precision", in: arguments) ?? "") ?? 0.95,
                progress: { print("  \($0)") })
            print(report.text)
            if let plot = option("--plot", in: arguments) {
                try report.riskCoverageSVG.write(toFile: plot, atomically: true, encoding: .utf8)
            }
            return
        }
        if arguments.contains("--tune") {
            tune(clinc: clinc, hwu: hwu, arguments: arguments)
            return
        }

        let clock = ContinuousClock()
        let before = residentMemoryKiB()
        var classifier = IntentClassifier(examples: [])
        let cpuBefore = cpuSeconds()
        let training = clock.measure { classifier = IntentClassifier(examples: train, outOfScope: oosTrain) }
        let trainingCPU = cpuSeconds() - cpuBefore
        let after = residentMemoryKiB()
        print("training on \(train.count) CLINC150 examples (+\(oosTrain.count) out-of-scope): \(formatDuration(seconds(training)))"
            + " wall, \(formatDuration(trainingCPU)) CPU (bar 5 s)"
            + "  temperature \(String(format: "%.4f", classifier.temperature))  features \(classifier.featureCount)")
        print("model memory: RSS +\((after - before) / 1024) MiB  (weights+vocabulary \(classifier.memoryFootprint / 1_048_576) MiB)")

        let inScope = clinc[split] ?? []
        let oos = clinc["oos_\(split)"] ?? []
        let accuracy = score(classifier, on: inScope)
        let positives = inScope.map { classifier.classify($0.text).top?.confidence ?? 0 }
        let negatives = oos.map { classifier.classify($0.text).top?.confidence ?? 0 }
        let auroc = ReceiverOperatingCharacteristic.area(positives: positives, negatives: negatives) ?? .nan
        print(String(format: "CLINC150 %@ in-scope accuracy %.2f%%  (bar 92.8, sklearn LinearSVC 92.84)", split, accuracy * 100))
        print(String(format: "CLINC150 AUROC in-scope vs oos_%@ %.2f  (bar 95.0)", split, auroc * 100))

        let hwuClassifier = IntentClassifier(examples: hwu["train"] ?? [])
        let hwuAccuracy = score(hwuClassifier, on: hwu[split] ?? [])
        print(String(format: "HWU64 %@ accuracy %.2f%%  (bar 88.0, sklearn LinearSVC 88.29)", split, hwuAccuracy * 100))

        let messages = inScope.prefix(2000).map(\.text)
        let normalizer = classifier.normalizer
        let normalising = latency("normalise one message (baseline)", messages) { _ = normalizer.tokens($0) }
        let classifying = latency("classify one message", messages) { _ = classifier.classify($0) }
        report(normalising.p50)
        report(classifying.p50, baseline: normalising.p50, extra: "p99 \(formatDuration(classifying.p99.median))")
        let hostile = [
            "", "   \n\t ", String(repeating: "refund my card ", count: 700), "😀🦄🔥🙏🏽👍🏿",
            "أريد استرداد أموالي", "我想退款，请帮忙", "\u{0}\u{1}\u{7}\u{1B}[31m", String(repeating: "a", count: 10_000),
        ]
        let bad = latency("classify hostile input", Array(repeating: hostile, count: 100).flatMap { $0 }) {
            _ = classifier.classify($0)
        }
        report(bad.p50, extra: "p99 \(formatDuration(bad.p99.median))  (8 inputs × 300 runs)")
        for text in hostile {
            let each = latency("", Array(repeating: text, count: 100)) { _ = classifier.classify($0) }
            let top = classifier.classify(text).top
            print("  hostile \(text.prefix(12).debugDescription.padding(toLength: 30, withPad: " ", startingAt: 0))"
                + " → \(top?.intent.rawValue ?? "-") \(String(format: "%.3f", top?.confidence ?? 0))"
                + "  p50 \(formatDuration(each.p50.median)) p99 \(formatDuration(each.p99.median))")
        }
    }

    /// Compares configurations on the validation splits only (never on test).
    static func tune(clinc: [String: [LabeledUtterance]], hwu: [String: [LabeledUtterance]], arguments: [String]) {
        var variants: [(String, ClassifierConfiguration)] = []
        let base = ClassifierConfiguration()
        let spec = option("--variants", in: arguments) ?? "base"
        for item in spec.split(separator: ",") {
            var c = base
            for setting in item.split(separator: "+") {
                let parts = setting.split(separator: "=")
                guard parts.count == 2, let number = Double(parts[1]) else { continue }
                switch parts[0] {
                case "epochs": c.maximumEpochs = Int(number)
                case "cost": c.cost = number
                case "share": c.wordShare = number
                case "mindf": c.minimumDocumentFrequency = Int(number)
                case "gmin": c.characterGrams = Int(number)...c.characterGrams.upperBound
                case "gmax": c.characterGrams = c.characterGrams.lowerBound...Int(number)
                case "tol": c.tolerance = number
                case "unseen": c.countsUnseenFeaturesInNorm = number != 0
                case "across": c.charactersAcrossWords = number != 0
                default: break
                }
            }
            variants.append((String(item), c))
        }
        let clock = ContinuousClock()
        for (name, configuration) in variants {
            var classifier = IntentClassifier(examples: [])
            let cpuBefore = cpuSeconds()
            let elapsed = clock.measure {
                classifier = IntentClassifier(
                    examples: clinc["train"] ?? [], outOfScope: (clinc["oos_train"] ?? []).map(\.text),
                    configuration: configuration)
            }
            let cpu = cpuSeconds() - cpuBefore
            let val = clinc["val"] ?? []
            let accuracy = score(classifier, on: val)
            let auroc = ReceiverOperatingCharacteristic.area(
                positives: val.map { classifier.classify($0.text).top?.confidence ?? 0 },
                negatives: (clinc["oos_val"] ?? []).map { classifier.classify($0.text).top?.confidence ?? 0 }) ?? .nan
            let hwuAccuracy = score(IntentClassifier(examples: hwu["train"] ?? [], configuration: configuration), on: hwu["val"] ?? [])
            print(String(format: "%-28@ clinc val %.2f  auroc %.2f  hwu val %.2f  train %@ (cpu %@)  T %.4f", name, accuracy * 100, auroc * 100,
                hwuAccuracy * 100, formatDuration(seconds(elapsed)), formatDuration(cpu), classifier.temperature))
        }
    }

    static func score(_ classifier: IntentClassifier, on examples: [LabeledUtterance]) -> Double {
        guard !examples.isEmpty else { return .nan }
        let correct = examples.filter { classifier.classify($0.text).top?.intent == $0.intent }.count
        return Double(correct) / Double(examples.count)
    }

    /// Per-call latencies over `inputs`, repeated; p50 and p99 of single calls.
    static func latency(_ name: String, _ inputs: [String], _ body: (String) -> Void) -> (p50: Samples, p99: Samples) {
        let clock = ContinuousClock()
        var single: [Double] = []
        for _ in 0..<3 {
            for input in inputs {
                let elapsed = clock.measure { body(input) }
                single.append(seconds(elapsed))
            }
        }
        let all = Samples(name: name, seconds: single)
        return (Samples(name: "\(name) p50", seconds: [all.percentile(0.5)]), Samples(name: "\(name) p99", seconds: [all.percentile(0.99)]))
    }

    static func seconds(_ duration: Duration) -> Double {
        duration.inSeconds
    }

    /// CPU time used by this process so far (the machine is shared; wall time is noisy).
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// VmRSS of this process in KiB (0 where /proc is unavailable).
    static func residentMemoryKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// Reads a dataset file of `{split: [[text, intent], ...]}` (CLINC150 and HWU64 layouts).
    static func loadPairs(_ path: String) throws -> [String: [LabeledUtterance]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchError(description: "cannot read \(path); pass --shared pointing at the folder with datasets/")
        }
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchError(description: "\(path) is not a JSON object")
        }
        var result: [String: [LabeledUtterance]] = [:]
        for (key, value) in object {
            guard let pairs = value as? [[String]] else { continue }
            result[key] = pairs.compactMap { $0.count == 2 ? LabeledUtterance(text: $0[0], intent: IntentID($0[1])) : nil }
        }
        return result
    }
}
