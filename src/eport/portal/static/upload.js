// Refuse a file over the limit before it travels: the server would refuse it only after the
// whole upload, and a body over the request limit gets no page in the user's language.
for (const form of document.querySelectorAll("form[data-max-bytes]")) {
  form.addEventListener("submit", (event) => {
    const file = form.querySelector('input[type="file"]').files[0];
    if (file && file.size > Number(form.dataset.maxBytes)) {
      event.preventDefault();
      const alert = form.querySelector(".error");
      alert.textContent = form.dataset.tooLarge;
      alert.hidden = false;
    }
  });
}
