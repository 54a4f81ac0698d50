-- AlterTable
ALTER TABLE "admin" ADD COLUMN     "recovery_codes" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "totp_enabled_at" TIMESTAMP(3),
ADD COLUMN     "totp_last_step" INTEGER,
ADD COLUMN     "totp_secret" TEXT;

-- AlterTable
ALTER TABLE "account" ADD COLUMN     "recovery_codes" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "totp_enabled_at" TIMESTAMP(3),
ADD COLUMN     "totp_last_step" INTEGER,
ADD COLUMN     "totp_secret" TEXT;

-- AlterTable
ALTER TABLE "server_settings" ADD COLUMN     "is_admin_two_factor_required" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_webhook_private_target_allowed" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "audit_entry" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prev_hash" TEXT;

-- AlterTable
ALTER TABLE "web_session" ADD COLUMN     "is_two_factor_pending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "admin_password_reset_token" (
    "id" TEXT NOT NULL,
    "admin_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),

    CONSTRAINT "admin_password_reset_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "admin_password_reset_token_token_hash_key" ON "admin_password_reset_token"("token_hash");

-- CreateIndex
CREATE INDEX "admin_password_reset_token_admin_id_idx" ON "admin_password_reset_token"("admin_id");

-- AddForeignKey
ALTER TABLE "admin_password_reset_token" ADD CONSTRAINT "admin_password_reset_token_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "admin"("id") ON DELETE CASCADE ON UPDATE CASCADE;

