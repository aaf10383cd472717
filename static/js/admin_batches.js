// The certificate jobs page: while a job runs, refresh its progress every few seconds without
// reloading the page (the form keeps what the coordinator typed); screen readers hear the
// change through the region's aria-live.
document.addEventListener("DOMContentLoaded", () => {
  const region = document.getElementById("batch-progress");
  if (!region) return;
  const tick = async () => {
    const seconds = Number(region.dataset.refresh);
    if (!seconds) return;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("batch-progress");
      if (fresh) {
        region.innerHTML = fresh.innerHTML;
        region.dataset.refresh = fresh.dataset.refresh;
      }
    } catch (error) {
      // Offline for a moment: try again at the next tick.
    }
    tick();
  };
  tick();
});
