import ArgumentParser
import Foundation
import Registry
import SQLiteDB

/// `registry worker show NIK|KPJ`: profile, memberships with their status, bills and payments.
struct ShowWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: Localized(en: "Show a worker's profile, memberships and status, bills and payments.",
                            id: "Menampilkan profil pekerja, kepesertaan dan statusnya, tagihan dan pembayarannya.").inToolLanguage,
        discussion: Localized(en: """
            The worker is found by NIK (16 digits) or KPJ card number (11 digits). The NIK, and any \
            other run of 16 or more digits (a NIK kept as a phone number), is printed masked unless --unmasked.
            """, id: """
            Pekerja dicari menurut NIK (16 angka) atau nomor kartu KPJ (11 angka). NIK, dan setiap deretan \
            16 angka atau lebih lainnya (NIK yang tersimpan sebagai nomor telepon), dicetak tersamar kecuali \
            dengan --unmasked.
            """).inToolLanguage
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp(Localized(en: "The worker's NIK or KPJ.", id: "NIK atau KPJ pekerja.").inToolLanguage, valueName: "nik-or-kpj"))
    var key: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp(Localized(en: "The date statuses are derived at (default: today).",
                                                                     id: "Tanggal penurunan status (bawaan: hari ini).").inToolLanguage, valueName: "date"))
    var asOf: CalendarDate?

    @OptionGroup var recordedTime: RecordedTimeOption
    private var asKnownOn: CalendarDate? { recordedTime.asKnownOn }

    @Option(help: ArgumentHelp(Localized(en: "Output format: table or json.", id: "Format keluaran: table atau json.").inToolLanguage))
    var format: OutputFormat = .table

    @Flag(help: ArgumentHelp(Localized(en: "Print the full NIK (and every other number in full).",
                          id: "Cetak NIK lengkap (dan setiap nomor lain secara lengkap).").inToolLanguage))
    var unmasked = false

    func validate() throws {
        if format == .csv { throw UsageText.noCSV(["command": "worker show"]) }
    }

    func run() throws {
        let registry = try database.openForReading()
        let date = asOf ?? JakartaCalendar.today()
        let profile = try registry.read { session in try WorkerProfile.load(key, in: session, on: date, asKnownOn: asKnownOn) }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            var profile = profile
            if !unmasked { profile.nik = NIK.mask(profile.nik) }
            let json = String(decoding: try encoder.encode(profile), as: UTF8.self) + "\n"
            StandardOutput.writeVerbatim(unmasked ? json : PersonalData.maskingStringLiterals(inJSON: json))
        case .table, .csv:
            let text = profile.text(unmasked: unmasked)
            if unmasked { StandardOutput.writeVerbatim(text) } else { StandardOutput.write(text) }
        }
    }
}

/// Everything `worker show` prints, gathered in one read transaction.
struct WorkerProfile: Encodable {
    struct MembershipLine: Encodable {
        var id: Int64, segment: String, startDate: String, endDate: String?, endReason: String?
        var programs: [String], declaredIncome: Int64?, employer: String?
        /// A construction membership's project, and the project's one bill, which its status reads.
        var project: String?, projectBill: BillLine?
        var status: String, unpaidMonths: Int, lastPaidMonth: String?
        /// What is owed on the date: months billed and not, and their amount (unbilled months
        /// priced by the rules of their month).
        var owed: OwedLine?
        var bills: [BillLine]
        var payments: [PaymentLine]
    }
    struct OwedLine: Encodable {
        var billedMonths: Int, unbilledMonths: Int, firstMonth: String, lastMonth: String, amount: Int64
    }
    struct BillLine: Encodable {
        var month: String, dueDate: String, due: Int64, paid: Int64, outstanding: Int64
    }
    struct PaymentLine: Encodable {
        var receipt: String, paidAt: Date, amount: Int64, channel: String, monthsCovered: Int?, reverses: Int64?
    }

    var nik: String, kpj: String, fullName: String, birthDate: String, sex: String
    var village: String, villageName: String?, branch: String?, occupation: String?, phone: String?
    var registeredAt: Date, agent: String?
    var asOf: String
    /// The day whose records the statuses read; nil: everything recorded.
    var asKnownOn: String?
    var memberships: [MembershipLine]

    static func load(_ key: String, in session: RegistrySession, on date: CalendarDate, asKnownOn: CalendarDate? = nil) throws -> WorkerProfile {
        let worker = try WorkerKey.worker(key, in: session)
        let statuses = Dictionary(uniqueKeysWithValues: try session.statuses(ofWorker: worker.id, on: date, asKnownOn: asKnownOn)
            .map { ($0.membership, $0) })
        let memberships = try session.memberships(of: worker.id).map { membership in
            let status = statuses[membership.id]
            let project = try membership.project.flatMap { try session.project($0) }
            return MembershipLine(
                id: membership.id.rawValue, segment: membership.segment.shortCode, startDate: membership.startDate.isoString,
                endDate: membership.endDate?.isoString, endReason: membership.endReason?.rawValue,
                programs: membership.programs.sorted().map(\.rawValue), declaredIncome: membership.declaredIncome?.amount,
                employer: try membership.employer.flatMap { try session.employer($0) }.map { "\($0.npp) \($0.name)" },
                project: project.map { "\($0.id) \($0.name)" },
                projectBill: try project.flatMap { try session.projectBill(of: $0.id) }.map {
                    BillLine(month: $0.month.description, dueDate: $0.dueDate.isoString, due: $0.amountDue.amount,
                             paid: $0.amountPaid.amount, outstanding: $0.outstanding.amount)
                },
                status: status?.state.rawValue ?? "unknown", unpaidMonths: status?.unpaidMonths ?? 0,
                lastPaidMonth: status?.lastPaidMonth?.description,
                owed: status?.owed.map {
                    OwedLine(billedMonths: $0.billedMonths, unbilledMonths: $0.unbilledMonths, firstMonth: $0.firstMonth.description,
                             lastMonth: $0.lastMonth.description, amount: $0.amount.amount)
                },
                bills: try session.bills(of: membership.id).map {
                    BillLine(month: $0.month.description, dueDate: $0.dueDate.isoString, due: $0.amountDue.amount,
                             paid: $0.amountPaid.amount, outstanding: $0.outstanding.amount)
                },
                payments: try session.payments(of: membership.id).map {
                    PaymentLine(receipt: $0.receiptNumber, paidAt: $0.paidAt, amount: $0.amount.amount, channel: $0.channel.rawValue,
                                monthsCovered: $0.monthsCovered, reverses: $0.reverses?.rawValue)
                })
        }
        return WorkerProfile(
            nik: worker.nik.digits, kpj: worker.kpj.description, fullName: worker.fullName,
            birthDate: worker.birthDate.isoString, sex: worker.sex.rawValue, village: worker.village.code,
            villageName: try session.region(worker.village)?.name,
            branch: try session.office(worker.branchOffice).map { "\($0.code) \($0.name)" },
            occupation: worker.occupation, phone: worker.phone, registeredAt: worker.registeredAt,
            agent: try worker.registeredBy.flatMap { try session.agent($0) }.map { "\($0.id) \($0.fullName)" },
            asOf: date.isoString, asKnownOn: asKnownOn?.isoString, memberships: memberships)
    }

    func text(unmasked: Bool) -> String {
        var out = """
            \(fullName)
              NIK         \(unmasked ? nik : NIK.mask(nik))
              KPJ         \(kpj)
              born        \(birthDate), \(sex)
              village     \(village)\(villageName.map { " " + $0 } ?? "")
              branch      \(branch ?? "?")
              occupation  \(occupation ?? "-")
              registered  \(ISO8601DateFormatter().string(from: registeredAt))\(agent.map { " by agent " + $0 } ?? "")

            """
        for membership in memberships {
            out += "\nMembership \(membership.id): \(membership.segment) from \(membership.startDate)"
            out += membership.endDate.map { " to \($0) (\(membership.endReason ?? "ended"))" } ?? ""
            out += ", \(membership.programs.joined(separator: " "))"
            out += membership.declaredIncome.map { ", income \(Rupiah($0))" } ?? ""
            out += membership.employer.map { ", employer \($0)" } ?? ""
            out += membership.project.map { ", project \($0)" } ?? ""
            out += "\n  status on \(asOf)\(asKnownOn.map { " as known on " + $0 } ?? ""): \(membership.status)"
            if membership.unpaidMonths > 0 { out += ", \(membership.unpaidMonths) unpaid month(s)" }
            out += membership.lastPaidMonth.map { ", last paid \($0)" } ?? ""
            out += "\n"
            if let owed = membership.owed {
                let months = owed.billedMonths + owed.unbilledMonths
                out += "  owes \(months) month(s), \(owed.firstMonth) to \(owed.lastMonth)"
                if owed.unbilledMonths > 0 { out += " (\(owed.unbilledMonths) not billed)" }
                out += ": \(Rupiah(owed.amount))\n"
            }
            if let bill = membership.projectBill {
                out += "  project bill \(bill.month), due \(bill.dueDate): \(Rupiah(bill.due)), paid \(Rupiah(bill.paid)), outstanding \(Rupiah(bill.outstanding))\n"
            } else if let project = membership.project {
                out += "  project \(project) not billed yet\n"
            }
            if !membership.bills.isEmpty {
                var bills = TextTable([.init(name: "month"), .init(name: "due_date"), .init(name: "due", numeric: true),
                                       .init(name: "paid", numeric: true), .init(name: "outstanding", numeric: true)])
                for bill in membership.bills {
                    bills.append([bill.month, bill.dueDate, String(bill.due), String(bill.paid), String(bill.outstanding)])
                }
                out += bills.rendered(as: .table, unmasked: unmasked).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
            if !membership.payments.isEmpty {
                var payments = TextTable([.init(name: "receipt"), .init(name: "paid_at"), .init(name: "amount", numeric: true),
                                          .init(name: "channel"), .init(name: "months", numeric: true)])
                for payment in membership.payments {
                    payments.append([payment.receipt, ISO8601DateFormatter().string(from: payment.paidAt), String(payment.amount),
                                     payment.channel, payment.monthsCovered.map(String.init)])
                }
                out += payments.rendered(as: .table, unmasked: unmasked).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
        }
        return out
    }
}
