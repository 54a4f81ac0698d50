-- AlterTable
ALTER TABLE "account" ADD COLUMN "is_tls_session_reuse_required" BOOLEAN;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_server_settings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "pasv_port_min" INTEGER NOT NULL DEFAULT 50000,
    "pasv_port_max" INTEGER NOT NULL DEFAULT 50100,
    "pasv_advertised_host" TEXT,
    "pasv_overrides" TEXT NOT NULL DEFAULT '[]',
    "is_active_mode_allowed" BOOLEAN NOT NULL DEFAULT true,
    "tls_mode" TEXT NOT NULL DEFAULT 'OPTIONAL',
    "is_prot_p_required" BOOLEAN NOT NULL DEFAULT false,
    "is_tls_session_reuse_required" BOOLEAN NOT NULL DEFAULT true,
    "is_tls_close_notify_required" BOOLEAN NOT NULL DEFAULT true,
    "tls_cert_pem" TEXT,
    "tls_key_pem" TEXT,
    "banner" TEXT NOT NULL DEFAULT 'FTP server ready.',
    "max_sessions" INTEGER NOT NULL DEFAULT 500,
    "max_sessions_per_ip" INTEGER NOT NULL DEFAULT 20,
    "idle_timeout_sec" INTEGER NOT NULL DEFAULT 900,
    "login_timeout_sec" INTEGER NOT NULL DEFAULT 60,
    "data_timeout_sec" INTEGER NOT NULL DEFAULT 60,
    "max_login_failures" INTEGER NOT NULL DEFAULT 3,
    "ban_failures" INTEGER NOT NULL DEFAULT 10,
    "ban_window_sec" INTEGER NOT NULL DEFAULT 600,
    "ban_duration_sec" INTEGER NOT NULL DEFAULT 3600,
    "min_free_disk_mb" INTEGER NOT NULL DEFAULT 0,
    "retention_days" INTEGER NOT NULL DEFAULT 90,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" DATETIME NOT NULL
);
INSERT INTO "new_server_settings" ("ban_duration_sec", "ban_failures", "ban_window_sec", "banner", "data_timeout_sec", "id", "idle_timeout_sec", "is_active_mode_allowed", "is_prot_p_required", "is_tls_session_reuse_required", "login_timeout_sec", "max_login_failures", "max_sessions", "max_sessions_per_ip", "min_free_disk_mb", "pasv_advertised_host", "pasv_overrides", "pasv_port_max", "pasv_port_min", "retention_days", "tls_cert_pem", "tls_key_pem", "tls_mode", "updated_at", "version") SELECT "ban_duration_sec", "ban_failures", "ban_window_sec", "banner", "data_timeout_sec", "id", "idle_timeout_sec", "is_active_mode_allowed", "is_prot_p_required", "is_tls_session_reuse_required", "login_timeout_sec", "max_login_failures", "max_sessions", "max_sessions_per_ip", "min_free_disk_mb", "pasv_advertised_host", "pasv_overrides", "pasv_port_max", "pasv_port_min", "retention_days", "tls_cert_pem", "tls_key_pem", "tls_mode", "updated_at", "version" FROM "server_settings";
DROP TABLE "server_settings";
ALTER TABLE "new_server_settings" RENAME TO "server_settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

