// The kit builder's page script: while a kit is being made, asks the server
// what has been written so far, and shows the finished page when it is done.
// Without it the page still works: a link reloads the job's page.
(function () {
  "use strict";
  var problems = document.getElementById("problems");
  if (problems) problems.focus();
  var job = document.getElementById("job");
  if (!job || job.dataset.done === "yes") return;
  for (var el of document.querySelectorAll(".no-script")) el.hidden = true;
  var progress = document.getElementById("job-progress");
  var list = document.getElementById("job-files");
  var failures = 0;
  function poll() {
    fetch(job.dataset.status, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        failures = 0;
        while (list.children.length < status.written.length) {
          var item = document.createElement("li");
          item.textContent = status.written[list.children.length];
          list.appendChild(item);
        }
        progress.max = Math.max(status.expected, status.written.length);
        progress.value = status.written.length;
        if (status.done) window.location.reload();
        else window.setTimeout(poll, 1000);
      })
      .catch(function () {
        // The server does not answer: `casebook kit` was stopped, or the computer slept. Say so, keep asking.
        failures += 1;
        if (failures >= 3) document.getElementById("job-state").textContent = job.dataset.stopped;
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 500);
})();
