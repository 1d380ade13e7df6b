"""Long work (issuing 2,000 certificates) on one worker thread, with its progress.

The request that starts a job answers at once with the job's page; the page asks
``/jobs/{id}/progress`` how far it is. Jobs run one after another on a single thread, so a big
run never starves the requests the server is answering meanwhile (and two runs never append to
the registry at the same moment).
"""
from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import _


@dataclass
class Job:
    id: str
    kind: str
    workshop: str
    state: str = "queued"  # queued | running | done | failed
    done: int = 0
    total: int = 0
    result: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    started: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "workshop": self.workshop, "state": self.state,
                "done": self.done, "total": self.total, "error": self.error,
                "result": {k: v for k, v in self.result.items() if k in ("issued", "new")}}


class Jobs:
    """A queue of jobs and the one thread that runs them."""

    def __init__(self, keep: int = 200) -> None:
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._keep = keep

    def submit(self, kind: str, workshop: str,
               work: Callable[[Callable[[int, int], None]], dict[str, Any]],
               explain: Callable[[BaseException], str | None]) -> Job:
        """Queue ``work(progress)``; ``explain`` turns an exception into a message (None: a bug)."""
        job = Job(uuid.uuid4().hex, kind, workshop)
        with self._lock:
            self._jobs[job.id] = job
            if len(self._jobs) > self._keep:  # forget the oldest finished jobs
                for old in [j for j in self._jobs.values() if j.state in ("done", "failed")][
                        :len(self._jobs) - self._keep]:
                    self._jobs.pop(old.id, None)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="workshop-jobs",
                                                daemon=True)
                self._thread.start()
        self._queue.put((job, work, explain))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self) -> None:
        while True:
            job, work, explain = self._queue.get()
            job.state = "running"

            def progress(done: int, total: int, job: Job = job) -> None:
                job.done, job.total = done, total

            try:
                job.result = work(progress)
                job.state = "done"
            except Exception as exc:  # reported on the job's page, never a dead thread
                job.error = explain(exc) or _("An unexpected error stopped the work; see "
                                              "the server's console.")
                job.state = "failed"
                if explain(exc) is None:
                    import logging

                    logging.getLogger("toolkit.web").exception("job %s failed", job.id)
            finally:
                self._queue.task_done()
