import Foundation

/// The text of the schedule files.
struct Schedule {
    var binary: String
    var config: String
    var dataDir: String
    var hour: Int
    var minute: Int
    var user: String = "ogp"

    /// Other files the run reads (the configuration's `plans:` file): checked as the paths above.
    var otherPaths: [String] = []

    var arguments: [String] {
        [
            binary, "harvest", "--config", config, "--data-dir", dataDir, "--quiet", "--log-level", "info",
            "--log-file", dataDir + "/harvest.log", "--report", dataDir + "/last-report.json",
        ]
    }

    /// The crontab's command: sh words (a path with a space stays one word), `%` escaped (cron
    /// turns it into a newline).
    var command: String { arguments.map(Self.shellWord).joined(separator: " ") }

    /// ExecStart's command: systemd's quoting, `%` and `$` doubled (specifiers and variables).
    var execStart: String { arguments.map { Self.systemdWord($0) }.joined(separator: " ") }

    static func isPlain(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { c in
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                || "/._-:@+=,".unicodeScalars.contains(c)
        }
    }

    static func shellWord(_ word: String) -> String {
        let quoted = isPlain(word) ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        return quoted.replacingOccurrences(of: "%", with: #"\%"#)
    }

    static func systemdWord(_ word: String, variables: Bool = true) -> String {
        var escaped = word.replacingOccurrences(of: "%", with: "%%")
        if variables { escaped = escaped.replacingOccurrences(of: "$", with: "$$") }
        guard !isPlain(word) else { return escaped }
        return "\"" + escaped.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// What the service's hardening hides from the run: `ProtectHome=yes` hides /home, /root and
    /// /run/user, `PrivateTmp=yes` gives it its own /tmp. A configuration under /home was
    /// scheduled without a word, and the first night's run failed with "no such file".
    var warnings: [String] {
        var out: [String] = []
        for (what, path) in [("the binary", binary), ("the configuration", config), ("the data directory", dataDir)]
            + otherPaths.map({ ("the file", $0) })
        {
            if ["/home/", "/root/", "/run/user/"].contains(where: { path.hasPrefix($0) }) || path == "/root" {
                out.append(
                    "\(what) \(path) is in a home directory, which the service's ProtectHome=yes hides: move it (/etc/ogp, /var/lib/ogp, /usr/local/bin) or remove that line from the unit"
                )
            } else if path.hasPrefix("/tmp/") || path.hasPrefix("/var/tmp/") {
                out.append(
                    "\(what) \(path) is in /tmp, which the service's PrivateTmp=yes replaces with its own: move it or remove that line from the unit"
                )
            }
        }
        return out
    }

    var crontab: String {
        """
        # ogp: harvest every night at \(String(format: "%02d:%02d", hour, minute)) (install with `crontab -e`).
        # Exit codes: 0 ok, 1 items failed, 2 a source failed or looked suspicious, 3 another run holds the lock.
        \(minute) \(hour) * * * \(command)
        """
    }

    var service: String {
        """
        # ogp harvest; install: sudo cp ogp-harvest.service ogp-harvest.timer /etc/systemd/system/ &&
        # sudo systemctl daemon-reload && sudo systemctl enable --now ogp-harvest.timer
        # The user: sudo useradd --system --home-dir /var/lib/ogp --shell /usr/sbin/nologin \(user)
        [Unit]
        Description=ogp harvest of open-government sources
        Wants=network-online.target
        After=network-online.target

        [Service]
        Type=oneshot
        User=\(user)
        Group=\(user)
        StateDirectory=ogp
        ExecStart=\(execStart)
        # 1 (some items failed) is not a service failure; 2 (a source failed or looked suspicious) is.
        SuccessExitStatus=1
        Nice=10
        IOSchedulingClass=idle
        TimeoutStartSec=4h
        # Hardening: no new privileges, a read-only system and no home directories; only the data
        # directory is writable; network and local sockets only.
        NoNewPrivileges=yes
        ProtectSystem=strict
        ProtectHome=yes
        PrivateTmp=yes
        PrivateDevices=yes
        ProtectKernelTunables=yes
        ProtectKernelModules=yes
        ProtectControlGroups=yes
        ReadWritePaths=\(Self.systemdWord(dataDir, variables: false))
        RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
        """
    }

    var timer: String {
        """
        [Unit]
        Description=Run the ogp harvest every night

        [Timer]
        OnCalendar=*-*-* \(String(format: "%02d:%02d", hour, minute)):00
        RandomizedDelaySec=15min
        Persistent=true

        [Install]
        WantedBy=timers.target
        """
    }
}
