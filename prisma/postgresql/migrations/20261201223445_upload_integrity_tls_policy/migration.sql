-- AlterTable
ALTER TABLE "account" ADD COLUMN     "is_tls_session_reuse_required" BOOLEAN;

-- AlterTable
ALTER TABLE "server_settings" ADD COLUMN     "is_tls_close_notify_required" BOOLEAN NOT NULL DEFAULT true;

