import Foundation
import Testing

/// An SVG rendered by a real renderer, `rsvg-convert` (Debian's librsvg2-bin, which `.ci/run`
/// installs), and the PNG it wrote decoded to pixels.
///
/// The PNG is decoded here rather than by another program: its size is in the IHDR chunk, and
/// its pixels are the IDAT chunks inflated by the system's zlib (loaded with `dlopen`, as the
/// package links no compression library) and unfiltered row by row.
struct RenderedImage {
    let width: Int
    let height: Int
    /// Red, green, blue, alpha of each pixel, row by row.
    let pixels: [UInt32]

    /// Where `rsvg-convert` is, or nil.
    static let renderer: String? = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether tests needing the renderer run: they skip, saying so, only on a machine without
    /// it; CI installs it, so there a missing renderer is a failure (``render(_:in:)`` requires it).
    static var rendererTestsRun: Bool { renderer != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// Renders `svg` to PNG at its own size and decodes it.
    static func render(_ svg: String, in directory: TemporaryDirectory) throws -> RenderedImage {
        let renderer = try #require(renderer, "rsvg-convert is not installed (apt-get install librsvg2-bin); CI installs it")
        let input = directory.path("chart-\(UUID().uuidString.prefix(8)).svg"), output = input + ".png"
        try Data(svg.utf8).write(to: URL(fileURLWithPath: input))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = [input, "-o", output]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(process.terminationStatus == 0, "rsvg-convert failed: \(message)")
        return try decode(png: Data(contentsOf: URL(fileURLWithPath: output)))
    }

    struct DecodingError: Error, CustomStringConvertible {
        let description: String
    }

    /// An 8-bit RGB or RGBA, non-interlaced PNG (what rsvg-convert writes).
    static func decode(png: Data) throws -> RenderedImage {
        let bytes = [UInt8](png)
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw DecodingError(description: "not a PNG")
        }
        func bigEndian(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8, width = 0, height = 0, channels = 0, compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = bigEndian(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let data = offset + 8
            guard data + length + 4 <= bytes.count else { throw DecodingError(description: "a truncated \(type) chunk") }
            switch type {
            case "IHDR":
                width = bigEndian(data)
                height = bigEndian(data + 4)
                guard bytes[data + 8] == 8, bytes[data + 12] == 0 else { throw DecodingError(description: "not 8-bit, or interlaced") }
                switch bytes[data + 9] {
                case 2: channels = 3
                case 6: channels = 4
                default: throw DecodingError(description: "colour type \(bytes[data + 9]) is not RGB or RGBA")
                }
            case "IDAT":
                compressed += bytes[data..<data + length]
            default:
                break
            }
            offset = data + length + 4
        }
        guard width > 0, height > 0, channels > 0 else { throw DecodingError(description: "no IHDR") }
        let stride = width * channels
        let raw = try Zlib.inflate(compressed, expectedSize: height * (stride + 1))
        var pixels: [UInt32] = [], previous = [UInt8](repeating: 0, count: stride)
        pixels.reserveCapacity(width * height)
        for row in 0..<height {
            let start = row * (stride + 1)
            let filter = raw[start]
            var line = Array(raw[start + 1..<start + 1 + stride])
            for index in 0..<stride {
                let left = index >= channels ? Int(line[index - channels]) : 0
                let up = Int(previous[index])
                let upLeft = index >= channels ? Int(previous[index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predictor = a <= b && a <= c ? left : b <= c ? up : upLeft
                default: throw DecodingError(description: "filter type \(filter) on row \(row)")
                }
                line[index] = UInt8(truncatingIfNeeded: Int(line[index]) + predictor)
            }
            for column in 0..<width {
                let p = column * channels
                let alpha = channels == 4 ? UInt32(line[p + 3]) : 255
                pixels.append(UInt32(line[p]) << 24 | UInt32(line[p + 1]) << 16 | UInt32(line[p + 2]) << 8 | alpha)
            }
            previous = line
        }
        return RenderedImage(width: width, height: height, pixels: pixels)
    }

    /// How many distinct colours the image holds.
    var colourCount: Int { Set(pixels).count }

    /// How many pixels are exactly this opaque colour, written `#rrggbb`.
    func count(_ hex: String) -> Int {
        let value = UInt32(hex.dropFirst(), radix: 16)! << 8 | 0xFF
        return pixels.lazy.filter { $0 == value }.count
    }
}

/// zlib's `uncompress`, from the system's libz.so.1 (always present on Debian: dpkg needs it).
enum Zlib {
    private typealias Uncompress = @convention(c) (
        UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt
    ) -> Int32

    static func inflate(_ data: [UInt8], expectedSize: Int) throws -> [UInt8] {
        guard let library = dlopen("libz.so.1", RTLD_NOW), let symbol = dlsym(library, "uncompress") else {
            throw RenderedImage.DecodingError(description: "cannot load zlib (libz.so.1)")
        }
        let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
        var output = [UInt8](repeating: 0, count: expectedSize)
        var size = UInt(expectedSize)
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { uncompress(out.baseAddress, &size, $0.baseAddress, UInt($0.count)) }
        }
        guard status == 0, size == UInt(expectedSize) else {
            throw RenderedImage.DecodingError(description: "zlib status \(status), \(size) of \(expectedSize) bytes")
        }
        return output
    }
}
