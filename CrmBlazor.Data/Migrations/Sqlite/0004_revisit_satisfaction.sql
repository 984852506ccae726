-- A completed revisit (回访) records the customer's satisfaction; revisits, greetings and overdue-ticket
-- reminders are found by what they came from (a ticket or a contact), so each is created once.
ALTER TABLE "FollowUpTasks" ADD "Satisfaction" INTEGER NULL;
CREATE INDEX "IX_FollowUpTasks_Kind_SourceId" ON "FollowUpTasks" ("Kind", "SourceId");
