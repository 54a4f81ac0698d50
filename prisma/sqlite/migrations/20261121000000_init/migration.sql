-- CreateTable
CREATE TABLE "admin" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "email" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'ADMIN',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "last_login_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "account" (
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
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "server_settings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "pasv_port_min" INTEGER NOT NULL DEFAULT 50000,
    "pasv_port_max" INTEGER NOT NULL DEFAULT 50100,
    "pasv_advertised_host" TEXT,
    "pasv_overrides" TEXT NOT NULL DEFAULT '[]',
    "is_active_mode_allowed" BOOLEAN NOT NULL DEFAULT true,
    "tls_mode" TEXT NOT NULL DEFAULT 'OPTIONAL',
    "is_prot_p_required" BOOLEAN NOT NULL DEFAULT false,
    "is_tls_session_reuse_required" BOOLEAN NOT NULL DEFAULT true,
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

-- CreateTable
CREATE TABLE "transfer_log" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "account_id" TEXT,
    "username" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "remote_ip" TEXT NOT NULL,
    "started_at" DATETIME NOT NULL,
    "ended_at" DATETIME NOT NULL,
    CONSTRAINT "transfer_log_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "login_event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "account_id" TEXT,
    "username" TEXT NOT NULL,
    "remote_ip" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'FTP',
    "result" TEXT NOT NULL,
    "reason" TEXT,
    "session_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "login_event_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ban" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ip" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME,
    "lifted_at" DATETIME
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME,
    "last_used_at" DATETIME,
    "revoked_at" DATETIME,
    CONSTRAINT "api_token_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "admin" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT NOT NULL,
    "ip" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before" TEXT,
    "after" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "password_reset_token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "account_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    "used_at" DATETIME,
    CONSTRAINT "password_reset_token_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "web_session" (
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
    CONSTRAINT "web_session_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "web_session_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "setup_token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "token_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    "used_at" DATETIME
);

-- CreateTable
CREATE TABLE "change_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "topic" TEXT NOT NULL,
    "key" TEXT,
    "payload" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "webhook_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" DATETIME,
    CONSTRAINT "webhook_delivery_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhook" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "admin_username_key" ON "admin"("username");

-- CreateIndex
CREATE UNIQUE INDEX "account_username_key" ON "account"("username");

-- CreateIndex
CREATE INDEX "account_status_idx" ON "account"("status");

-- CreateIndex
CREATE INDEX "account_email_idx" ON "account"("email");

-- CreateIndex
CREATE INDEX "transfer_log_ended_at_idx" ON "transfer_log"("ended_at");

-- CreateIndex
CREATE INDEX "transfer_log_account_id_ended_at_idx" ON "transfer_log"("account_id", "ended_at");

-- CreateIndex
CREATE INDEX "transfer_log_remote_ip_ended_at_idx" ON "transfer_log"("remote_ip", "ended_at");

-- CreateIndex
CREATE INDEX "transfer_log_status_ended_at_idx" ON "transfer_log"("status", "ended_at");

-- CreateIndex
CREATE INDEX "login_event_created_at_idx" ON "login_event"("created_at");

-- CreateIndex
CREATE INDEX "login_event_remote_ip_created_at_idx" ON "login_event"("remote_ip", "created_at");

-- CreateIndex
CREATE INDEX "login_event_account_id_created_at_idx" ON "login_event"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "login_event_result_created_at_idx" ON "login_event"("result", "created_at");

-- CreateIndex
CREATE INDEX "ban_ip_idx" ON "ban"("ip");

-- CreateIndex
CREATE INDEX "ban_expires_at_idx" ON "ban"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_created_by_id_idx" ON "api_token"("created_by_id");

-- CreateIndex
CREATE INDEX "audit_entry_created_at_idx" ON "audit_entry"("created_at");

-- CreateIndex
CREATE INDEX "audit_entry_target_type_target_id_idx" ON "audit_entry"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "audit_entry_actor_id_created_at_idx" ON "audit_entry"("actor_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_token_token_hash_key" ON "password_reset_token"("token_hash");

-- CreateIndex
CREATE INDEX "password_reset_token_account_id_idx" ON "password_reset_token"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "web_session_token_hash_key" ON "web_session"("token_hash");

-- CreateIndex
CREATE INDEX "web_session_admin_id_idx" ON "web_session"("admin_id");

-- CreateIndex
CREATE INDEX "web_session_account_id_idx" ON "web_session"("account_id");

-- CreateIndex
CREATE INDEX "web_session_expires_at_idx" ON "web_session"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "setup_token_token_hash_key" ON "setup_token"("token_hash");

-- CreateIndex
CREATE INDEX "change_event_created_at_idx" ON "change_event"("created_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_webhook_id_created_at_idx" ON "webhook_delivery"("webhook_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_delivery_status_next_attempt_at_idx" ON "webhook_delivery"("status", "next_attempt_at");
