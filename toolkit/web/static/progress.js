/* workshop-toolkit: progress of a long job (MIT licence, see LICENSE-progress.txt).
   Asks /jobs/<id>/progress every second and reloads the page when the job has finished. */
(function () {
  var box = document.getElementById("job");
  if (!box) { return; }
  var bar = document.getElementById("bar"), count = document.getElementById("count");
  function tick() {
    fetch("/jobs/" + box.dataset.job + "/progress", {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.state === "done" || job.state === "failed") { window.location.reload(); return; }
        if (job.total) {
          bar.max = job.total; bar.value = job.done;
          count.textContent = count.dataset.template.replace("{done}", job.done).replace("{total}", job.total);
        }
        setTimeout(tick, 1000);
      })
      .catch(function () { setTimeout(tick, 3000); });
  }
  setTimeout(tick, 500);
})();
