import ArgumentParser
import Registry
import SQLiteDB

/// `--as-known-on DATE`: answer what the register said on a past day (recorded time), for the
/// commands that can (`report status`, `report arrears`, `report coverage`, `worker show`); without it they answer
/// from everything recorded now (valid time).
struct RecordedTimeOption: ParsableArguments {
    @Option(name: .customLong("as-known-on"),
            help: ArgumentHelp(Localized(en: "Answer as the register said it on this day: only rows recorded by its end (Jakarta).",
                                         id: "Jawab menurut isi register pada hari ini: hanya baris yang dicatat sampai akhir hari itu (waktu Jakarta).").inToolLanguage,
                               valueName: "date"))
    var asKnownOn: CalendarDate?
}
