import Foundation

/// The text of the schedule files.
struct Schedule {
    var binary: String
    var config: String
    var dataDir: String
    var hour: Int
    var minute: Int
    var user: String = "ogp"

    var command: String {
        "\(binary) harvest --config \(config) --data-dir \(dataDir) --quiet --log-level info --log-file \(dataDir)/harvest.log --report \(dataDir)/last-report.json"
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
        ExecStart=\(command)
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
        ReadWritePaths=\(dataDir)
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
