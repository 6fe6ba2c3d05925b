import Foundation
import Testing

/// CSV files of every kind describing one small register: Purwakarta and Bantul, an office
/// chain, an employer, two workers (KPJs issued 10000000003 and 10000000016), memberships of
/// all kinds of period, payments with a reversal and an employer's month, labour force, targets and
/// published participant counts (Bantul's of February 2023, the national ones of January 2018).
enum InterchangeFixtures {
    static let files: [(kind: String, text: String)] = [
        ("regions", #"""
            code,name
            32,Jawa Barat
            32.14,Purwakarta
            32.14.01,Purwakarta
            32.14.01.2001,Desa Satu
            32.14.01.2002,"Desa Dua, Barat"
            34,DI Yogyakarta
            34.02,Bantul

            """#),
        ("offices", #"""
            code,name,kind,parent_code,village_code,regencies,regencies_from
            KP,Kantor Pusat,head_office,,,,
            KW-JABAR,Kantor Wilayah Jawa Barat,regional_office,KP,,,
            KC-PWK,KCP Purwakarta,pioneer_branch,KW-JABAR,32.14.01.2001,32.14,2015-01-01
            KC-BTL,KC Bantul,branch,KW-JABAR,,34.02@2016-01-01,

            """#),
        ("employers", #"""
            npp,name,size_class,jkk_risk_group,labour_intensive,village_code,branch_code
            NPP-0001,"PT Garmen ""Sejahtera""",medium,low,true,32.14.01.2001,KC-PWK

            """#),
        ("workers", #"""
            nik,full_name,birth_date,sex,village_code,occupation,phone,branch_code,kpj,registered_at
            3214011203850001,Budi Santoso,1985-03-12,male,32.14.01.2001,petani,081234567890,KC-PWK,,2024-12-01T03:00:00.000Z
            3214015505920002,"Wati, S.Pd.",1992-05-15,female,32.14.01.2002,,,KC-PWK,,2024-12-02T03:00:00.000Z

            """#),
        ("memberships", #"""
            kpj,segment,start_date,end_date,end_reason,payer,programs,declared_income,npp,project,jkp_citizen,jkp_jkn
            10000000003,BPU,2025-01-01,,,self,JKK JKM,1000000,,,,
            10000000016,PU,2025-01-01,,,employer,JKK JKM JHT JP JKP,5000000,NPP-0001,,true,true
            10000000003,PMI,2024-02-01,2024-07-31,placement_ended,self,JKK JKM,,,,,
            10000000016,BPU,2024-01-01,2024-06-30,withdrawn,,JKK JKM JHT,2000000,,,,

            """#),
        ("payments", #"""
            receipt_number,paid_at,channel,amount,kpj,membership_start,months_covered,npp,contribution_month,reverses_receipt
            R-001,2025-01-10T03:00:00.000Z,e_wallet,50400,10000000003,,3,,,
            R-001-R,2025-01-11T03:00:00.000Z,,-50400,,,,,,R-001
            R-002,2025-01-12T03:00:00.000Z,agent,16800,10000000003,,1,,,
            E-001,2025-02-10T03:00:00.000Z,bank_transfer,477000,,,,NPP-0001,2025-01,

            """#),
        ("labour-force", #"""
            year,area_code,employed,unemployed,source
            2024,32.14,500000,25000,BPS Sakernas August 2024
            2024,32,20000000,1000000,

            """#),
        ("targets", #"""
            area_kind,area_code,segment,kind,value,period_start,period_end,note
            office,KC-PWK,BPU,head_count,6693,2025-01-01,2025-12-31,"target, informal"
            regency,32.14,,coverage_percentage,4000,2025-01-01,2025-12-31,
            province,32,PU,dues_amount,1000000000,2025-01-01,2025-12-31,

            """#),
        ("published-counts", #"""
            area_kind,area_code,segment,measure,as_of,head_count,source,replaces_as_of
            regency,34.02,,registered,2023-02-28,115463,"BPJS Ketenagakerjaan Bantul, press release March 2023",
            office,KP,,registered,2018-01-31,45000000,Head office press release,
            office,KP,,active,2018-01-31,20400000,Head office press release,
            regency,32.14,BPU,registered,2017-12-31,13175,"KC Purwakarta: ""informal"" members",

            """#),
    ]

    /// A fresh database at `db` holding the fixture kinds up to and including `last`.
    static func database(at db: String, in dir: TemporaryDirectory, through last: String = "published-counts") throws {
        try #require(try Tool.run(["init", "--db", db]).status == 0)
        for (kind, text) in files {
            let file = dir.path("fixture-\(kind).csv")
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let result = try Tool.run(["import", kind, file, "--db", db])
            try #require(result.status == 0, "\(kind): \(result.stdout) \(result.stderr)")
            if kind == last { return }
        }
    }
}
