-- CreateIndex
CREATE INDEX "account_created_at_idx" ON "account"("created_at");

-- CreateIndex
CREATE INDEX "account_last_login_at_idx" ON "account"("last_login_at");

-- CreateIndex
CREATE INDEX "account_used_bytes_idx" ON "account"("used_bytes");

