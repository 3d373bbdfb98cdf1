import Foundation
public import SwitchboardCore

/// A labelled dataset with train / validation / test splits, and optional out-of-scope splits.
public struct EvaluationDataset: Sendable {
    /// The file layouts `switchboard eval --dataset` reads.
    public enum Layout: String, Sendable {
        /// CLINC150 `data_full.json`: `train`, `val`, `test` (+ `oos_train`, `oos_val`, `oos_test`).
        case clinc150
        /// HWU64 `splits.json`: `{"intents", "train", "val", "test"}`.
        case hwu64
    }

    public var layout: Layout
    public var train: [LabeledUtterance]
    public var validation: [LabeledUtterance]
    public var test: [LabeledUtterance]
    public var outOfScopeTrain: [String]
    public var outOfScopeValidation: [String]
    public var outOfScopeTest: [String]

    /// Largest dataset file read (CLINC150 is 2 MB; this leaves room for bigger sets and stops a mistake early).
    public static let maximumFileBytes = 256 * 1024 * 1024

    /// Reads a dataset file; the layout is recognised by its keys (`intents` means HWU64).
    ///
    /// - Throws: ``DatasetError`` when the file is missing, not JSON, lacks a split, or holds
    ///   something other than `[text, intent]` pairs.
    public static func load(path: String) throws(DatasetError) -> EvaluationDataset {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        guard data.count <= maximumFileBytes else { throw .tooLarge(path: path, bytes: data.count) }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .notJSON(path: path, detail: String(describing: error))
        }
        guard let root = object as? [String: Any] else { throw .notJSON(path: path, detail: "the top level is not an object") }
        let layout: Layout = root["intents"] != nil ? .hwu64 : .clinc150
        func pairs(_ split: String, required: Bool) throws(DatasetError) -> [LabeledUtterance] {
            guard let value = root[split] else {
                if required { throw .missingSplit(path: path, split: split) }
                return []
            }
            guard let items = value as? [Any] else { throw .malformedSplit(path: path, split: split, index: nil) }
            var result: [LabeledUtterance] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard let pair = item as? [Any], pair.count == 2, let text = pair[0] as? String,
                    let intent = pair[1] as? String, !intent.isEmpty
                else { throw .malformedSplit(path: path, split: split, index: index) }
                result.append(LabeledUtterance(text: text, intent: IntentID(intent)))
            }
            return result
        }
        return EvaluationDataset(
            layout: layout, train: try pairs("train", required: true), validation: try pairs("val", required: true),
            test: try pairs("test", required: true),
            outOfScopeTrain: try pairs("oos_train", required: false).map(\.text),
            outOfScopeValidation: try pairs("oos_val", required: false).map(\.text),
            outOfScopeTest: try pairs("oos_test", required: false).map(\.text))
    }
}

/// Why a dataset file could not be used, and what to do about it.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    case missingFile(path: String)
    case unreadable(path: String)
    case tooLarge(path: String, bytes: Int)
    case notJSON(path: String, detail: String)
    case missingSplit(path: String, split: String)
    /// `index` is the first bad entry, or nil when the split itself is not an array.
    case malformedSplit(path: String, split: String, index: Int?)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such file; pass the CLINC150 data_full.json or HWU64 splits.json path"
        case .unreadable(let path):
            return "\(path): cannot be read; check its permissions"
        case .tooLarge(let path, let bytes):
            return "\(path): \(bytes) bytes is over the \(EvaluationDataset.maximumFileBytes)-byte limit for a dataset"
        case .notJSON(let path, let detail):
            return "\(path): not valid JSON (\(detail)); expected an object with train, val and test splits"
        case .missingSplit(let path, let split):
            return "\(path): no \"\(split)\" split; expected keys train, val, test (and optionally oos_train, oos_val, oos_test)"
        case .malformedSplit(let path, let split, let index):
            if let index {
                return "\(path): \"\(split)\"[\(index)] is not a [text, intent] pair of strings"
            }
            return "\(path): \"\(split)\" is not an array of [text, intent] pairs"
        }
    }
}
