-- AlterTable
ALTER TABLE "audit_entry" ADD COLUMN "hash" TEXT;
ALTER TABLE "audit_entry" ADD COLUMN "prev_hash" TEXT;

-- CreateTable
CREATE TABLE "admin_password_reset_token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "admin_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    "used_at" DATETIME,
    CONSTRAINT "admin_password_reset_token_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_admin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "email" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'ADMIN',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "last_login_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "totp_secret" TEXT,
    "totp_enabled_at" DATETIME,
    "totp_last_step" INTEGER,
    "recovery_codes" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_admin" ("created_at", "email", "id", "last_login_at", "password_hash", "role", "status", "updated_at", "username") SELECT "created_at", "email", "id", "last_login_at", "password_hash", "role", "status", "updated_at", "username" FROM "admin";
DROP TABLE "admin";
ALTER TABLE "new_admin" RENAME TO "admin";
CREATE UNIQUE INDEX "admin_username_key" ON "admin"("username");
CREATE TABLE "new_account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "expires_at" DATETIME,
    "home_dir" TEXT NOT NULL,
    "quota_bytes" BIGINT NOT NULL DEFAULT 0,
    "quota_files" INTEGER NOT NULL DEFAULT 0,
    "used_bytes" BIGINT NOT NULL DEFAULT 0,
    "used_files" INTEGER NOT NULL DEFAULT 0,
    "upload_kibps" INTEGER NOT NULL DEFAULT 0,
    "download_kibps" INTEGER NOT NULL DEFAULT 0,
    "max_sessions" INTEGER NOT NULL DEFAULT 0,
    "allowed_cidrs" TEXT NOT NULL DEFAULT '',
    "denied_cidrs" TEXT NOT NULL DEFAULT '',
    "permissions" TEXT NOT NULL DEFAULT 'list,read,write,delete,rename,mkdir',
    "require_tls" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "last_login_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "is_tls_session_reuse_required" BOOLEAN,
    "totp_secret" TEXT,
    "totp_enabled_at" DATETIME,
    "totp_last_step" INTEGER,
    "recovery_codes" TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO "new_account" ("allowed_cidrs", "created_at", "denied_cidrs", "download_kibps", "email", "expires_at", "home_dir", "id", "is_tls_session_reuse_required", "last_login_at", "max_sessions", "note", "password_hash", "permissions", "quota_bytes", "quota_files", "require_tls", "status", "updated_at", "upload_kibps", "used_bytes", "used_files", "username", "version") SELECT "allowed_cidrs", "created_at", "denied_cidrs", "download_kibps", "email", "expires_at", "home_dir", "id", "is_tls_session_reuse_required", "last_login_at", "max_sessions", "note", "password_hash", "permissions", "quota_bytes", "quota_files", "require_tls", "status", "updated_at", "upload_kibps", "used_bytes", "used_files", "username", "version" FROM "account";
DROP TABLE "account";
ALTER TABLE "new_account" RENAME TO "account";
CREATE UNIQUE INDEX "account_username_key" ON "account"("username");
CREATE INDEX "account_status_idx" ON "account"("status");
CREATE INDEX "account_email_idx" ON "account"("email");
CREATE INDEX "account_created_at_idx" ON "account"("created_at");
CREATE INDEX "account_last_login_at_idx" ON "account"("last_login_at");
CREATE INDEX "account_used_bytes_idx" ON "account"("used_bytes");
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
    "updated_at" DATETIME NOT NULL,
    "is_admin_two_factor_required" BOOLEAN NOT NULL DEFAULT false,
    "is_webhook_private_target_allowed" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_server_settings" ("ban_duration_sec", "ban_failures", "ban_window_sec", "banner", "data_timeout_sec", "id", "idle_timeout_sec", "is_active_mode_allowed", "is_prot_p_required", "is_tls_close_notify_required", "is_tls_session_reuse_required", "login_timeout_sec", "max_login_failures", "max_sessions", "max_sessions_per_ip", "min_free_disk_mb", "pasv_advertised_host", "pasv_overrides", "pasv_port_max", "pasv_port_min", "retention_days", "tls_cert_pem", "tls_key_pem", "tls_mode", "updated_at", "version") SELECT "ban_duration_sec", "ban_failures", "ban_window_sec", "banner", "data_timeout_sec", "id", "idle_timeout_sec", "is_active_mode_allowed", "is_prot_p_required", "is_tls_close_notify_required", "is_tls_session_reuse_required", "login_timeout_sec", "max_login_failures", "max_sessions", "max_sessions_per_ip", "min_free_disk_mb", "pasv_advertised_host", "pasv_overrides", "pasv_port_max", "pasv_port_min", "retention_days", "tls_cert_pem", "tls_key_pem", "tls_mode", "updated_at", "version" FROM "server_settings";
DROP TABLE "server_settings";
ALTER TABLE "new_server_settings" RENAME TO "server_settings";
CREATE TABLE "new_web_session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token_hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "admin_id" TEXT,
    "account_id" TEXT,
    "csrf_token" TEXT NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    "revoked_at" DATETIME,
    "is_two_factor_pending" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "web_session_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "web_session_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_web_session" ("account_id", "admin_id", "created_at", "csrf_token", "expires_at", "id", "ip", "kind", "last_seen_at", "revoked_at", "token_hash", "user_agent") SELECT "account_id", "admin_id", "created_at", "csrf_token", "expires_at", "id", "ip", "kind", "last_seen_at", "revoked_at", "token_hash", "user_agent" FROM "web_session";
DROP TABLE "web_session";
ALTER TABLE "new_web_session" RENAME TO "web_session";
CREATE UNIQUE INDEX "web_session_token_hash_key" ON "web_session"("token_hash");
CREATE INDEX "web_session_admin_id_idx" ON "web_session"("admin_id");
CREATE INDEX "web_session_account_id_idx" ON "web_session"("account_id");
CREATE INDEX "web_session_expires_at_idx" ON "web_session"("expires_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "admin_password_reset_token_token_hash_key" ON "admin_password_reset_token"("token_hash");

-- CreateIndex
CREATE INDEX "admin_password_reset_token_admin_id_idx" ON "admin_password_reset_token"("admin_id");

