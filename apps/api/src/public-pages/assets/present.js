// Löfteskollen: the presentation's navigation (/p/:slug/visa). Without this script every slide is
// readable one under the other; with it, one slide fills the screen. Keys: → ← PageDown PageUp
// (what presentation clickers send), Space, Home, End; a click advances; F toggles full screen.
// The slide number is in the address (#3), so a reload keeps the place.
(() => {
  document.documentElement.classList.add("js");

  function start() {
    const slides = Array.from(document.querySelectorAll(".slide"));
    if (slides.length === 0) return;
    let current = 0;

    const fromHash = () => {
      const match = /^#(\d+)$/.exec(window.location.hash);
      const number = match ? Number(match[1]) : 1;
      return Math.min(Math.max(number, 1), slides.length) - 1;
    };

    const show = (index, updateHash) => {
      current = Math.min(Math.max(index, 0), slides.length - 1);
      slides.forEach((slide, i) => {
        const visible = i === current;
        slide.classList.toggle("is-current", visible);
        slide.setAttribute("aria-hidden", visible ? "false" : "true");
      });
      if (updateHash && window.location.hash !== `#${current + 1}`) {
        history.replaceState(null, "", `#${current + 1}`);
      }
      const label = slides[current].getAttribute("aria-label");
      if (label) document.title = `${label} – ${document.title.replace(/^Bild \d+ av \d+ – /, "")}`;
    };

    const toggleFullScreen = () => {
      if (document.fullscreenElement) document.exitFullscreen?.();
      else document.documentElement.requestFullscreen?.().catch(() => {});
    };

    document.addEventListener("keydown", (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && target.closest("input, textarea, select")) return;
      switch (event.key) {
        case "ArrowRight":
        case "ArrowDown":
        case "PageDown":
        case " ":
        case "Spacebar":
        case "Enter":
          if (event.key === "Enter" && target instanceof HTMLElement && target.closest("a, button")) return;
          show(current + 1, true);
          break;
        case "ArrowLeft":
        case "ArrowUp":
        case "PageUp":
        case "Backspace":
          show(current - 1, true);
          break;
        case "Home":
          show(0, true);
          break;
        case "End":
          show(slides.length - 1, true);
          break;
        case "f":
        case "F":
          toggleFullScreen();
          break;
        default:
          return;
      }
      event.preventDefault();
    });

    document.addEventListener("click", (event) => {
      const target = event.target;
      if (event.button !== 0 || (target instanceof Element && target.closest("a, button, summary, input"))) return;
      show(current + 1, true);
    });

    window.addEventListener("hashchange", () => show(fromHash(), false));
    show(fromHash(), true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
