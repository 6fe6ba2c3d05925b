extension Segment {
    /// The segment as a sentence names it: `informal workers (BPU)`, `pekerja bukan penerima upah (BPU)`.
    /// ``description`` is the English one.
    public func name(in language: Language) -> String {
        switch language {
        case .english: description
        case .indonesian:
            switch self {
            case .wageEarner: "pekerja penerima upah (PU)"
            case .informal: "pekerja bukan penerima upah (BPU)"
            case .construction: "pekerja jasa konstruksi (JAKON)"
            case .migrant: "pekerja migran Indonesia (PMI)"
            }
        }
    }
}
