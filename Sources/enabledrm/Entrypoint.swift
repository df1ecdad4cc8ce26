import ArgumentParser
import DRMCLI

/// `enabledrm`: every role of EnableDRM in one binary (see `enabledrm --help`).
@main
struct Entrypoint {
    static func main() async {
        await EnableDRMCommand.runAsMain()
    }
}
