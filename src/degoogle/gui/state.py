"""What the wizard's pages share: the context, the engine bridge, the person's choices, and the
migration once it exists. One object, handed to every page."""

from __future__ import annotations

from dataclasses import dataclass, field

from degoogle.app.migration import Migration
from degoogle.app.moving import RunResult
from degoogle.app.planning import Planned
from degoogle.engine.report import Report
from degoogle.gui.bridge import EngineBridge
from degoogle.gui.context import AppContext
from degoogle.gui.session import Choices, Unfinished
from degoogle.targets.nextcloud.account import NextcloudAccount


@dataclass
class WizardState:
    ctx: AppContext
    bridge: EngineBridge
    choices: Choices = field(default_factory=Choices)
    migration: Migration | None = None
    #: the unfinished move found at start, when the person chose to resume it
    resume: Unfinished | None = None
    planned: Planned | None = None
    run_result: RunResult | None = None
    report: Report | None = None

    @property
    def lang(self) -> str:
        return self.ctx.lang

    def account(self) -> NextcloudAccount | None:
        if self.migration is not None:
            return self.migration.account
        if self.choices.base_url and self.choices.login:
            return self.choices.account()
        return None

    def password(self) -> str | None:
        account = self.account()
        return self.ctx.secrets.target(account) if account is not None else None

    def source_password(self) -> str | None:
        spec = self.migration.source_spec if self.migration is not None else self.choices.source_spec()
        return self.ctx.secrets.source(spec)

    def mail_password(self) -> str | None:
        return self.ctx.secrets.mailbox(self.migration.options.mail_to) if self.migration is not None else None

    def close_migration(self) -> None:
        if self.migration is not None:
            self.migration.close()
            self.migration = None
