(function (w, d) {
  "use strict";
  // Constant code: the only value spliced in is `config`, escaped JSON (see script.rs).
  var config = __CONFIG__;
  //
  // Every run of this snippet on one document (a Turbo visit, a re-rendered page) shares one
  // state: the SDK is loaded and run() called once; each run only says who this page's user is.
  var token = config.websiteToken;
  var markerCookie = "cw_identity_" + token;
  var sdkUserCookie = "cw_user_" + token;
  var state = w.__chatwootIdentity;
  if (!state) {
    state = w.__chatwootIdentity = {
      sdkRequested: false,
      ready: false,
      resetting: false,
      resetFrom: null,
      loads: 0,
      appliedLoad: 0,
      resendAll: false,
      expectedErrors: 0
    };
    w.addEventListener("chatwoot:ready", function () {
      state.ready = true;
      state.appliedLoad = state.loads;
      apply();
    });
    w.addEventListener("message", onWidgetMessage);
    w.addEventListener("chatwoot:error", explain);
    d.addEventListener("turbo:before-render", function (event) {
      // Unless Turbo morphs the page, the SDK moves its iframe into the new body and the browser
      // reloads it: until it has loaded again a message to it is lost (or throws, while the
      // iframe is detached and has no window). This page's snippet waits for that load.
      if (w.$chatwoot && !(event.detail && event.detail.renderMethod === "morph")) {
        state.ready = false;
      }
    });
    if (w.$chatwoot && w.$chatwoot.hasLoaded) {
      state.ready = true;
    }
  }
  state.page = config;
  if (config.settings && !w.$chatwoot) {
    w.chatwootSettings = config.settings;
  }
  loadSdkOnce();
  apply();

  function loadSdkOnce() {
    if (state.sdkRequested || w.$chatwoot) {
      return;
    }
    state.sdkRequested = true;
    var sdk = d.createElement("script");
    sdk.src = config.baseUrl + "/packs/js/sdk.js";
    sdk.async = true;
    if (config.nonce) {
      sdk.nonce = config.nonce;
    }
    sdk.onload = function () {
      // run() appends the widget to <body>: in <head> behind a slow script, wait for it.
      whenBody(function () {
        w.chatwootSDK.run({ websiteToken: token, baseUrl: config.baseUrl });
      });
    };
    (d.head || d.documentElement).appendChild(sdk);
  }

  function whenBody(then) {
    if (d.body) {
      then();
    } else {
      d.addEventListener("DOMContentLoaded", then, { once: true });
    }
  }

  function cookieValue(name) {
    var prefix = name + "=";
    var cookies = d.cookie ? d.cookie.split("; ") : [];
    for (var i = 0; i < cookies.length; i++) {
      if (cookies[i].indexOf(prefix) === 0) {
        return cookies[i].slice(prefix.length);
      }
    }
    return null;
  }

  // The identity this browser last set, as "<marker>.<digest>": the marker stands for the
  // identifier_hash and the digest for the whole payload; neither reveals either.
  function remembered() {
    return cookieValue(markerCookie);
  }

  function hasCookie(name) {
    return (" " + d.cookie).indexOf(" " + name + "=") !== -1;
  }

  // Same path and domain as the SDK's own cookies, so the pair lives and dies together.
  function writeCookie(name, value, maxAge) {
    var domain = state.page.settings && state.page.settings.baseDomain;
    var attributes = "; path=/; max-age=" + maxAge + "; SameSite=Lax";
    d.cookie = name + "=" + value + attributes + (domain ? "; domain=" + domain : "");
    if (domain && maxAge === 0) {
      d.cookie = name + "=" + attributes;
    }
  }

  function apply() {
    if (!state.ready || state.resetting || !w.$chatwoot) {
      return;
    }
    var user = state.page.user;
    var last = remembered();
    if (!user) {
      // Logged out: the next person on this browser must not inherit the identity.
      if (last || hasCookie(sdkUserCookie)) {
        resetThen();
      }
      return;
    }
    var current = user.marker + "." + user.digest;
    var lastMarker = last && last.split(".")[0];
    if (lastMarker !== user.marker && (last || hasCookie(sdkUserCookie))) {
      // Another user (or one this snippet did not set): start a clean widget session.
      resetThen();
      return;
    }
    if (last !== current || state.resendAll) {
      // setUser is a no-op while the SDK's cookie matches the name, email, avatar and hash:
      // expire it, so a changed phone number, company or attribute is sent too, and the whole
      // user reaches a reloaded widget.
      writeCookie(sdkUserCookie, "", 0);
    }
    state.resendAll = false;
    identify(user);
  }

  function identify(user) {
    w.$chatwoot.setUser(user.identifier, user.attributes);
    writeCookie(markerCookie, user.marker + "." + user.digest, 31536000);
  }

  // reset() reloads the widget; apply this page's user once it has loaded again (it may never
  // fire chatwoot:ready after a reset), or after a grace period if it does not say so.
  function resetThen() {
    state.resetting = true;
    state.resetFrom = cookieValue("cw_conversation");
    writeCookie(markerCookie, "", 0);
    w.$chatwoot.reset();
    state.resetTimer = setTimeout(finishReset, 3000);
  }

  function finishReset() {
    clearTimeout(state.resetTimer);
    state.resetting = false;
    state.ready = true;
    apply();
  }

  function onWidgetMessage(event) {
    var prefix = "chatwoot-widget:";
    if (typeof event.data !== "string" || event.data.indexOf(prefix) !== 0) {
      return;
    }
    var message;
    try {
      message = JSON.parse(event.data.slice(prefix.length));
    } catch (ignored) {
      return;
    }
    if (!message || message.event !== "loaded") {
      return;
    }
    // This listener runs before the SDK's (window.onmessage, set later by run()). When the SDK
    // holds a user (a widget reloaded by reset() or a Turbo visit), its handler re-sends that
    // user without the identifier, which the widget refuses: the whole user has to follow. On
    // a first load the SDK holds no user, and the chatwoot:ready listener identifies.
    state.loads += 1;
    var load = state.loads;
    // The refusal of that re-send is no news about this page's identity. A widget answers in
    // order and an earlier one can no longer answer: one refusal to ignore, from this one.
    state.expectedErrors = 0;
    if (w.$chatwoot && w.$chatwoot.user) {
      state.resendAll = true;
      state.expectedErrors = 1;
    }
    // Only the widget that reset() loads ends the reset: not one that loaded before reset() was
    // called (its handlers run first), nor the old conversation reloading meanwhile.
    var conversation = message.config && message.config.authToken;
    var afterReset = state.resetting && conversation !== state.resetFrom;
    // After the SDK's handler: it has stored the conversation and, unless reset() was ever
    // called on this document, fired chatwoot:ready, whose listener applied this page's user.
    setTimeout(function () {
      if (state.resetting) {
        if (afterReset) {
          finishReset();
        }
      } else if (state.appliedLoad !== load) {
        state.ready = true;
        state.appliedLoad = load;
        apply();
      }
    }, 0);
  }

  function explain(event) {
    if (state.expectedErrors > 0) {
      state.expectedErrors -= 1;
      return;
    }
    var user = state.page.user;
    if (!state.page.debug || !user) {
      return;
    }
    var quoted = "'" + String(user.identifier).replace(/'/g, "'\\''") + "'";
    w.console.error(
      "chatwoot-identity: Chatwoot rejected the identity of " + JSON.stringify(user.identifier) +
        " (" + String(event.detail && event.detail.error) + ").\n" +
        "Likely causes: the HMAC secret of another inbox, the website token used as the HMAC " +
        "secret, or a hash computed for another identifier.\n" +
        "On the server, with the inbox's HMAC secret in CHATWOOT_HMAC_SECRET, run:\n" +
        "  chatwoot-identity diagnose -- " + quoted + " " + user.attributes.identifier_hash
    );
  }
})(window, document);
