// The playground: picks a language, edits a program and runs it through POST api/execute as an event stream.
// External file only: the page's Content-Security-Policy allows no inline script.
"use strict";
(function () {
  const starters = window.JSANDBOX_STARTERS || {};
  const KEY_STORAGE = "jsandbox.apiKey";
  const $ = id => document.getElementById(id);
  const languageSelect = $("language");
  const runButton = $("run");
  const statusText = $("status");
  const output = $("output");
  const keyForm = $("api-key-form");
  const keyInput = $("api-key");

  // Kept for this tab only (sessionStorage), never in a cookie or localStorage.
  let apiKey = sessionStorage.getItem(KEY_STORAGE) || "";
  let running = null; // the AbortController of the execution in progress
  const starterShown = {}; // language id -> whether the editor still holds its untouched starter

  const editor = window.CodeMirror.fromTextArea($("code"), {
    lineNumbers: true,
    indentUnit: 4,
    matchBrackets: true,
    extraKeys: {
      "Ctrl-Enter": () => run(),
      "Cmd-Enter": () => run()
    }
  });

  function headers(extra) {
    const all = Object.assign({}, extra);
    if (apiKey) {
      all["Authorization"] = "Bearer " + apiKey;
    }
    return all;
  }

  function setStatus(text) {
    statusText.textContent = text;
  }

  function askForKey(message) {
    keyForm.hidden = false;
    setStatus(message);
    keyInput.focus();
  }

  async function loadLanguages() {
    let response;
    try {
      response = await fetch("api/languages", { headers: headers({ "Accept": "application/json" }) });
    } catch (e) {
      setStatus("The server cannot be reached.");
      return;
    }
    if (response.status === 401) {
      askForKey(apiKey ? "That API key was refused." : "Enter the server's API key.");
      return;
    }
    if (!response.ok) {
      setStatus("Could not load the languages (HTTP " + response.status + ").");
      return;
    }
    const languages = await response.json();
    languageSelect.textContent = "";
    for (const language of languages) {
      const option = document.createElement("option");
      option.value = language.id;
      option.textContent = language.name + " " + language.version + (language.available ? "" : " (not installed)");
      option.disabled = !language.available;
      languageSelect.appendChild(option);
    }
    const first = languages.find(l => l.id === "python" && l.available) || languages.find(l => l.available);
    if (first) {
      languageSelect.value = first.id;
    }
    languageSelect.disabled = false;
    runButton.disabled = false;
    keyForm.hidden = true;
    showStarter(languageSelect.value);
    setStatus("Ready.");
  }

  function showStarter(id) {
    const starter = starters[id];
    editor.setOption("mode", starter ? starter.mode : null);
    editor.setValue(starter ? starter.code : "");
    starterShown[id] = true;
    editor.clearHistory();
  }

  languageSelect.addEventListener("change", () => showStarter(languageSelect.value));

  keyForm.addEventListener("submit", event => {
    event.preventDefault();
    apiKey = keyInput.value.trim();
    sessionStorage.setItem(KEY_STORAGE, apiKey);
    keyInput.value = "";
    loadLanguages();
  });

  function append(text, kind) {
    const span = document.createElement("span");
    span.className = kind;
    span.textContent = text; // text, never HTML: the program's output is untrusted
    output.appendChild(span);
    output.scrollTop = output.scrollHeight;
  }

  function fact(id, text, tone) {
    const cell = $(id);
    cell.textContent = text;
    cell.className = tone || "";
  }

  function clearResult() {
    output.textContent = "";
    for (const id of ["result-status", "result-exit", "result-time", "result-memory"]) {
      fact(id, "–");
    }
  }

  function showResult(result) {
    const ok = result.status === "SUCCESS";
    fact("result-status", result.status, ok ? "ok" : "bad");
    fact("result-exit", String(result.exitCode) + (result.signal ? " (signal " + result.signal + ")" : ""));
    const compile = result.compileTime ? " + " + result.compileTime + " ms compile" : "";
    fact("result-time", result.executionTime + " ms" + compile);
    fact("result-memory", result.peakMemoryBytes == null ? "–" : (result.peakMemoryBytes / 1048576).toFixed(1) + " MiB");
    for (const [flag, name] of [["compileOutputTruncated", "compile output"], ["stdoutTruncated", "stdout"],
      ["stderrTruncated", "stderr"]]) {
      if (result[flag]) {
        append("\n[" + name + " cut at the server's limit]\n", "note");
      }
    }
    setStatus(ok ? "Done." : "Finished: " + result.status);
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || ("HTTP " + response.status);
    } catch (e) {
      return "HTTP " + response.status;
    }
  }

  function requestBody() {
    const args = $("args").value.split("\n").filter(line => line.length > 0);
    const body = { language: languageSelect.value, code: editor.getValue() };
    if ($("stdin").value) {
      body.input = $("stdin").value;
    }
    if (args.length) {
      body.args = args;
    }
    return JSON.stringify(body);
  }

  // Server-Sent Events over fetch(): EventSource cannot POST. Events are separated by a blank line.
  function handleEvent(raw) {
    let event = "message";
    const data = [];
    for (const line of raw.split("\n")) {
      if (line.startsWith("event:")) {
        event = line.slice(6).trim();
      } else if (line.startsWith("data:")) {
        data.push(line.slice(5).replace(/^ /, ""));
      }
    }
    if (!data.length) {
      return;
    }
    const payload = JSON.parse(data.join("\n"));
    if (event === "compile" || event === "stdout" || event === "stderr") {
      append(payload.text, event);
    } else if (event === "result") {
      showResult(payload);
    } else if (event === "error") {
      append("\n" + (payload.detail || "the execution failed") + "\n", "note");
      setStatus("Failed.");
    }
  }

  async function run() {
    if (running || runButton.disabled) {
      return;
    }
    clearResult();
    running = new AbortController();
    runButton.disabled = true;
    setStatus("Running…");
    try {
      const response = await fetch("api/execute", {
        method: "POST",
        headers: headers({ "Content-Type": "application/json", "Accept": "text/event-stream" }),
        body: requestBody(),
        signal: running.signal
      });
      if (response.status === 401) {
        askForKey("Enter the server's API key, then run again.");
        return;
      }
      if (!response.ok) {
        const detail = await problem(response);
        append(detail + "\n", "note");
        fact("result-status", "HTTP " + response.status, "bad");
        setStatus(response.status === 429 ? "The server is busy; try again in a moment." : "Refused.");
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        buffer += value.replace(/\r\n?/g, "\n");
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          handleEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      append("\nThe connection to the server failed.\n", "note");
      setStatus("Failed.");
    } finally {
      running = null;
      runButton.disabled = false;
    }
  }

  runButton.addEventListener("click", () => run());
  document.addEventListener("keydown", event => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });

  loadLanguages();
}());
